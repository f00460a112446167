using System.Globalization;
using System.Text;
using Appliance.Sip.Messages;
using Appliance.Sip.Tests.Support;
using Appliance.Sip.Transactions;

namespace Appliance.Sip.Tests.Transactions;

[Trait("Category", "Integration")]
public sealed class SipReliableProvisionalTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly LoopbackBench _bench = new();
    private readonly TaskCompletionSource<SipServerTransaction> _request =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task InitializeAsync()
    {
        _bench.Layer.RequestReceived = transaction =>
        {
            _request.TrySetResult(transaction);
            return ValueTask.CompletedTask;
        };
        _bench.Layer.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _bench.DisposeAsync();

    ValueTask IAsyncDisposable.DisposeAsync() => _bench.DisposeAsync();

    [Fact]
    public async Task ReliableProvisionalIsRetransmittedDoublingUntilItsPrack()
    {
        var (reliable, invite) = await StartAsync();
        var first = await _bench.ReceiveResponseAtPeerAsync();
        var rseq = uint.Parse(first.Headers["RSeq"]!, CultureInfo.InvariantCulture);

        _bench.Time.Advance(TimeSpan.FromMilliseconds(500));
        var again = await _bench.ReceiveResponseAtPeerAsync();
        _bench.Time.Advance(TimeSpan.FromMilliseconds(999));
        var quietBeforeSecond = await _bench.PeerStaysSilentAsync();
        _bench.Time.Advance(TimeSpan.FromMilliseconds(1));
        var third = await _bench.ReceiveResponseAtPeerAsync();
        var wrong = reliable.TryAcknowledge(Prack($"{rseq + 1} 314159 INVITE"));
        var right = reliable.TryAcknowledge(Prack($"{rseq} 314159 INVITE"));
        _bench.Time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(180, first.StatusCode);
        Assert.Equal("100rel", first.Headers["Require"]);
        Assert.Equal(first.Headers["RSeq"], again.Headers["RSeq"]);
        Assert.True(quietBeforeSecond);
        Assert.Equal(180, third.StatusCode);
        Assert.False(wrong);
        Assert.True(right);
        Assert.False(reliable.IsOutstanding);
        Assert.True(await _bench.PeerStaysSilentAsync());
        Assert.False(invite.IsCompleted);
    }

    [Fact]
    public async Task ProvisionalNeverAcknowledgedExpiresAfterSixtyFourT1()
    {
        var (reliable, _) = await StartAsync();
        var expired = 0;
        reliable.Expired += () => Interlocked.Increment(ref expired);
        await _bench.ReceiveResponseAtPeerAsync();

        _bench.Time.Advance(TimeSpan.FromSeconds(31));
        var early = Volatile.Read(ref expired);
        _bench.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(0, early);
        Assert.Equal(1, Volatile.Read(ref expired));
    }

    [Fact]
    public async Task SecondReliableProvisionalWaitsForThePrackOfTheFirst()
    {
        var (reliable, invite) = await StartAsync();

        var second = invite.Request.CreateResponse(183, toTag: "uas");

        await Assert.ThrowsAsync<InvalidOperationException>(() => reliable.SendAsync(second).AsTask());
    }

    [Fact]
    public void OnlyARequireOf100RelMakesProvisionalsReliable()
    {
        var required = Parse(SipTexts.Invite().Replace("Max-Forwards: 70\r\n",
            "Max-Forwards: 70\r\nRequire: timer, 100rel\r\n", StringComparison.Ordinal));
        var supported = Parse(SipTexts.Invite().Replace("Max-Forwards: 70\r\n",
            "Max-Forwards: 70\r\nk: 100rel\r\n", StringComparison.Ordinal));

        Assert.True(SipReliableProvisional.IsRequired(required));
        Assert.False(SipReliableProvisional.IsRequired(supported));
        Assert.True(SipReliableProvisional.IsSupported(supported));
    }

    private async Task<(SipReliableProvisional Reliable, SipServerTransaction Invite)> StartAsync()
    {
        await _bench.SendFromPeerAsync(SipTexts.Invite(host: _bench.PeerHost));
        var invite = await _request.Task.WaitAsync(TimeSpan.FromSeconds(5));
        var reliable = new SipReliableProvisional(invite);
        await reliable.SendAsync(invite.Request.CreateResponse(180, toTag: "uas"));
        return (reliable, invite);
    }

    private SipRequest Prack(string rack) =>
        Parse(SipTexts.Request(
            "PRACK",
            "sip:100@127.0.0.1",
            "z9hG4bKprack" + rack.Length,
            "a84b4c76e66710@pc33.example.com",
            314160,
            _bench.PeerHost,
            toTag: "uas",
            extraHeaders: $"RAck: {rack}\r\n"));

    private static SipRequest Parse(string text)
    {
        Assert.True(
            SipParser.TryParse(Encoding.UTF8.GetBytes(text), out var message, out var error),
            error.Reason);
        return Assert.IsType<SipRequest>(message);
    }
}
