using Appliance.Sip.Messages;
using Appliance.Sip.Tests.Support;
using Appliance.Sip.Transactions;

namespace Appliance.Sip.Tests.Transactions;

/// <summary>
/// One test per timer of RFC 3261 §17 (and Timer M of RFC 6026) that the older tests leave out:
/// the fake clock moves to just before and just after each deadline.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SipTransactionTimerTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly LoopbackBench _bench = new();
    private readonly TaskCompletionSource<SipServerTransaction> _request =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _acks;
    private int _strays;

    public Task InitializeAsync()
    {
        _bench.Layer.RequestReceived = transaction =>
        {
            _request.TrySetResult(transaction);
            return ValueTask.CompletedTask;
        };
        _bench.Layer.AckReceived = (_, _) =>
        {
            Interlocked.Increment(ref _acks);
            return ValueTask.CompletedTask;
        };
        _bench.Layer.StrayResponseReceived = (_, _) =>
        {
            Interlocked.Increment(ref _strays);
            return ValueTask.CompletedTask;
        };
        _bench.Layer.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _bench.DisposeAsync();

    ValueTask IAsyncDisposable.DisposeAsync() => _bench.DisposeAsync();

    [Fact]
    public async Task InviteTheTuLeavesUnansweredGetsTryingAfterTwoHundredMilliseconds()
    {
        await _bench.SendFromPeerAsync(SipTexts.Invite(host: _bench.PeerHost));
        await _request.Task.WaitAsync(TimeSpan.FromSeconds(5));

        _bench.Time.Advance(TimeSpan.FromMilliseconds(199));
        var early = await _bench.PeerStaysSilentAsync();
        _bench.Time.Advance(TimeSpan.FromMilliseconds(1));
        var trying = await _bench.ReceiveResponseAtPeerAsync();

        Assert.True(early);
        Assert.Equal(100, trying.StatusCode);
        Assert.Null(trying.To!.Tag);
    }

    [Fact]
    public async Task InviteTheTuAnswersAtOnceGetsNoExtraTrying()
    {
        await _bench.SendFromPeerAsync(SipTexts.Invite(host: _bench.PeerHost));
        var invite = await _request.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await invite.SendResponseAsync(invite.Request.CreateResponse(180, toTag: "uas"));
        await _bench.ReceiveResponseAtPeerAsync();

        _bench.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(await _bench.PeerStaysSilentAsync());
    }

    [Fact]
    public async Task TimerGDoublesToT2AndTimerHStopsRetransmittingAtSixtyFourT1()
    {
        await _bench.SendFromPeerAsync(SipTexts.Invite(host: _bench.PeerHost));
        var invite = await _request.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await invite.SendResponseAsync(invite.Request.CreateResponse(486, toTag: "uas"));
        await _bench.ReceiveResponseAtPeerAsync();
        var retransmitted = 0;

        // RFC 3261 §17.2.1: G at 0.5, 1.5, 3.5, 7.5 s, then every T2 until H at 32 s.
        foreach (var ms in new[] { 500, 1000, 2000, 4000, 4000, 4000, 4000, 4000, 4000, 4000 })
        {
            _bench.Time.Advance(TimeSpan.FromMilliseconds(ms));
            Assert.Equal(486, (await _bench.ReceiveResponseAtPeerAsync()).StatusCode);
            retransmitted++;
        }

        _bench.Time.Advance(TimeSpan.FromMilliseconds(500));
        _bench.Time.Advance(TimeSpan.FromSeconds(8));
        var silent = await _bench.PeerStaysSilentAsync();
        await _bench.SendFromPeerAsync(AckFor486());
        await WaitUntilAsync(() => Volatile.Read(ref _acks) == 1);

        Assert.Equal(10, retransmitted);
        Assert.True(silent);
    }

    [Fact]
    public async Task TimerIAbsorbsAckRetransmissionsForT4()
    {
        await _bench.SendFromPeerAsync(SipTexts.Invite(host: _bench.PeerHost));
        var invite = await _request.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await invite.SendResponseAsync(invite.Request.CreateResponse(486, toTag: "uas"));
        await _bench.ReceiveResponseAtPeerAsync();
        await _bench.SendFromPeerAsync(AckFor486());

        await _bench.SendFromPeerAsync(AckFor486());
        var absorbed = await _bench.PeerStaysSilentAsync() && Volatile.Read(ref _acks) == 0;
        _bench.Time.Advance(TimeSpan.FromSeconds(5));
        await _bench.SendFromPeerAsync(AckFor486());
        await WaitUntilAsync(() => Volatile.Read(ref _acks) == 1);

        Assert.True(absorbed);
    }

    [Fact]
    public async Task TimerDResendsTheAckForRetransmittedFailuresUntilThirtyTwoSeconds()
    {
        _bench.Layer.SendRequest(Request("INVITE"), _bench.PeerEndPoint);
        var sent = await _bench.ReceiveRequestAtPeerAsync();
        var busy = SipTexts.Response(486, "Busy Here", sent.Vias[0].Branch!, "INVITE");
        await _bench.SendFromPeerAsync(busy);
        await _bench.ReceiveRequestAtPeerAsync();

        _bench.Time.Advance(TimeSpan.FromSeconds(31));
        await _bench.SendFromPeerAsync(busy);
        var ackBeforeD = await _bench.ReceiveRequestAtPeerAsync();
        _bench.Time.Advance(TimeSpan.FromSeconds(1));
        await _bench.SendFromPeerAsync(busy);
        await WaitUntilAsync(() => Volatile.Read(ref _strays) == 1);

        Assert.Equal("ACK", ackBeforeD.Method);
        Assert.True(await _bench.PeerStaysSilentAsync());
    }

    [Fact]
    public async Task TimerKAbsorbsRetransmittedNonInviteFinalsForT4()
    {
        var transaction = _bench.Layer.SendRequest(Request("OPTIONS"), _bench.PeerEndPoint);
        var sent = await _bench.ReceiveRequestAtPeerAsync();
        var ok = SipTexts.Response(200, "OK", sent.Vias[0].Branch!, "OPTIONS");
        await _bench.SendFromPeerAsync(ok);
        await transaction.FinalResponse.WaitAsync(TimeSpan.FromSeconds(5));

        await _bench.SendFromPeerAsync(ok);
        var absorbed = await _bench.PeerStaysSilentAsync() && Volatile.Read(ref _strays) == 0;
        _bench.Time.Advance(TimeSpan.FromSeconds(5));
        await _bench.SendFromPeerAsync(ok);
        await WaitUntilAsync(() => Volatile.Read(ref _strays) == 1);

        Assert.True(absorbed);
    }

    [Fact]
    public async Task TimerMKeepsTheAcceptedInviteSoLateProvisionalsAndCancelsAreAbsorbed()
    {
        var provisionals = 0;
        var transaction = _bench.Layer.SendRequest(Request("INVITE"), _bench.PeerEndPoint);
        transaction.ProvisionalReceived += _ => Interlocked.Increment(ref provisionals);
        var sent = await _bench.ReceiveRequestAtPeerAsync();
        var branch = sent.Vias[0].Branch!;
        await _bench.SendFromPeerAsync(SipTexts.Response(200, "OK", branch, "INVITE"));
        await transaction.FinalResponse.WaitAsync(TimeSpan.FromSeconds(5));

        await _bench.SendFromPeerAsync(SipTexts.Response(180, "Ringing", branch, "INVITE"));
        await _bench.SendFromPeerAsync(SipTexts.Response(200, "OK", branch, "INVITE"));
        await WaitUntilAsync(() => Volatile.Read(ref _strays) == 1);
        await transaction.CancelAsync();
        _bench.Time.Advance(TimeSpan.FromSeconds(40));

        Assert.Equal(0, Volatile.Read(ref provisionals));
        Assert.True(await _bench.PeerStaysSilentAsync());
        Assert.Equal(200, (await transaction.FinalResponse)!.StatusCode);
    }

    private string AckFor486() =>
        SipTexts.Invite(method: "ACK", host: _bench.PeerHost, toTag: "uas", body: "");

    private static SipRequest Request(string method)
    {
        var request = new SipRequest(method, SipUri.Parse("sip:1001@127.0.0.1"));
        request.Headers.Add("From", "<sip:100@127.0.0.1>;tag=ours");
        request.Headers.Add("To", "<sip:1001@127.0.0.1>");
        request.Headers.Add("Call-ID", "out-1");
        request.Headers.Add("CSeq", $"1 {method}");
        return request;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached");
            await Task.Delay(5);
        }
    }
}
