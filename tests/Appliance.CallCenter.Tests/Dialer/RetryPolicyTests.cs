using Appliance.CallCenter.Dialer;

namespace Appliance.CallCenter.Tests.Dialer;

public sealed class RetryPolicyTests
{
    private static readonly DateTimeOffset s_now = SchedulerBuilder.MondayNoonNewYork;

    private static RetryPolicy Policy(int maxAttempts = 10) => new(
        new Dictionary<CallResult, RetryRule>
        {
            [CallResult.Busy] = new(TimeSpan.FromMinutes(10), 2),
            [CallResult.NoAnswer] = new(TimeSpan.FromHours(1), 3),
        },
        maxAttempts);

    [Fact]
    public void BusyContactIsNotHandedOutBeforeItsMinimumGap()
    {
        var builder = new SchedulerBuilder { Retry = Policy() }.WithContacts(1);
        var scheduler = builder.Build();
        scheduler.TryTakeNext(s_now, out var contact);

        var retryAt = scheduler.RecordResult(contact!, CallResult.Busy, s_now);

        Assert.Equal(s_now.AddMinutes(10), retryAt);
        Assert.Equal(ContactStatus.RetryScheduled, contact!.Status);
        Assert.False(scheduler.TryTakeNext(s_now.AddMinutes(10).AddTicks(-1), out _));
        Assert.True(scheduler.TryTakeNext(s_now.AddMinutes(10), out var again));
        Assert.Same(contact, again);
        Assert.Equal(2, again.Attempts);
    }

    [Fact]
    public void EachResultHasItsOwnGap()
    {
        var builder = new SchedulerBuilder { Retry = Policy() }.WithContacts(2);
        var scheduler = builder.Build();
        scheduler.TryTakeNext(s_now, out var first);
        scheduler.TryTakeNext(s_now, out var second);

        var busyRetry = scheduler.RecordResult(first!, CallResult.Busy, s_now);
        var noAnswerRetry = scheduler.RecordResult(second!, CallResult.NoAnswer, s_now);

        Assert.Equal(TimeSpan.FromMinutes(10), busyRetry - s_now);
        Assert.Equal(TimeSpan.FromHours(1), noAnswerRetry - s_now);
    }

    [Fact]
    public void ContactIsExhaustedAfterTheMaximumAttemptsOfOneResult()
    {
        var builder = new SchedulerBuilder { Retry = Policy() }.WithContacts(1);
        var scheduler = builder.Build();
        var now = s_now;
        scheduler.TryTakeNext(now, out var contact);
        scheduler.RecordResult(contact!, CallResult.Busy, now);
        now = now.AddMinutes(10);
        scheduler.TryTakeNext(now, out _);

        var retryAt = scheduler.RecordResult(contact!, CallResult.Busy, now);

        Assert.Null(retryAt);
        Assert.Equal(ContactStatus.Exhausted, contact!.Status);
        Assert.False(scheduler.TryTakeNext(now.AddDays(1), out _));
    }

    [Fact]
    public void ContactIsExhaustedAfterTheMaximumAttemptsOfAnyResult()
    {
        var builder = new SchedulerBuilder { Retry = Policy(maxAttempts: 2) }.WithContacts(1);
        var scheduler = builder.Build();
        var now = s_now;
        scheduler.TryTakeNext(now, out var contact);
        scheduler.RecordResult(contact!, CallResult.Busy, now);
        now = now.AddMinutes(10);
        scheduler.TryTakeNext(now, out _);

        var retryAt = scheduler.RecordResult(contact!, CallResult.NoAnswer, now);

        Assert.Null(retryAt);
        Assert.Equal(ContactStatus.Exhausted, contact!.Status);
    }

    [Fact]
    public void ResultWithoutARuleIsNotRetried()
    {
        var builder = new SchedulerBuilder { Retry = Policy() }.WithContacts(1);
        var scheduler = builder.Build();
        scheduler.TryTakeNext(s_now, out var contact);

        var retryAt = scheduler.RecordResult(contact!, CallResult.Failed, s_now);

        Assert.Null(retryAt);
        Assert.Equal(ContactStatus.Exhausted, contact!.Status);
    }

    [Fact]
    public void ARuleForConnectedCallsIsRefused()
    {
        var rules = new Dictionary<CallResult, RetryRule> { [CallResult.Connected] = new(TimeSpan.Zero, 1) };

        Assert.Throws<ArgumentException>(() => new RetryPolicy(rules, 3));
    }
}
