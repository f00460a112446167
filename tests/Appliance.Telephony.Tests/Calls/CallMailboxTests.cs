using Appliance.Telephony.Calls;
using Serilog;

namespace Appliance.Telephony.Tests.Calls;

public sealed class CallMailboxTests
{
    [Fact]
    public async Task WorkRunsOneAtATimeWhenPostedFromManyThreads()
    {
        var mailbox = new CallMailbox(new LoggerConfiguration().CreateLogger());
        var seen = new List<int>();
        var running = 0;
        var overlapped = false;

        Parallel.For(0, 200, i => mailbox.Post(async () =>
        {
            overlapped |= Interlocked.Increment(ref running) > 1;
            await Task.Yield();
            seen.Add(i);
            Interlocked.Decrement(ref running);
        }));
        mailbox.Close();
        await mailbox.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(overlapped);
        Assert.Equal(200, seen.Distinct().Count());
    }

    [Fact]
    public async Task WorkFromOneThreadRunsInPostedOrder()
    {
        var mailbox = new CallMailbox(new LoggerConfiguration().CreateLogger());
        var seen = new List<int>();

        for (var i = 0; i < 100; i++)
        {
            var n = i;
            mailbox.Post(() => seen.Add(n));
        }

        mailbox.Close();
        await mailbox.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(Enumerable.Range(0, 100), seen);
    }

    [Fact]
    public async Task FailingWorkDoesNotStopTheMailbox()
    {
        var mailbox = new CallMailbox(new LoggerConfiguration().CreateLogger());
        var ranAfter = false;

        mailbox.Post(() => throw new InvalidOperationException("boom"));
        mailbox.Post(() => ranAfter = true);
        mailbox.Close();
        await mailbox.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(ranAfter);
    }

    [Fact]
    public void ClosedMailboxRefusesNewWork()
    {
        var mailbox = new CallMailbox(new LoggerConfiguration().CreateLogger());

        mailbox.Close();

        Assert.False(mailbox.Post(() => { }));
    }
}
