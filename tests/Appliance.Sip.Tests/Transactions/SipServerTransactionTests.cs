using Appliance.Sip.Messages;
using Appliance.Sip.Tests.Support;
using Appliance.Sip.Transactions;

namespace Appliance.Sip.Tests.Transactions;

[Trait("Category", "Integration")]
public sealed class SipServerTransactionTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly LoopbackBench _bench = new();
    private readonly TaskCompletionSource<SipServerTransaction> _request =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _requestCount;

    public Task InitializeAsync()
    {
        _bench.Layer.RequestReceived = transaction =>
        {
            Interlocked.Increment(ref _requestCount);
            _request.TrySetResult(transaction);
            return ValueTask.CompletedTask;
        };
        _bench.Layer.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _bench.DisposeAsync();

    ValueTask IAsyncDisposable.DisposeAsync() => _bench.DisposeAsync();

    [Fact]
    public async Task InviteRetransmissionsAreAbsorbedAndAnsweredWithTheLastResponse()
    {
        var invite = SipTexts.Invite(host: _bench.PeerHost);
        await _bench.SendFromPeerAsync(invite);
        var transaction = await _request.Task.WaitAsync(TimeSpan.FromSeconds(5));

        await transaction.SendResponseAsync(transaction.Request.CreateResponse(180, toTag: "uas"));
        await _bench.ReceiveResponseAtPeerAsync();
        await _bench.SendFromPeerAsync(invite);
        var resent = await _bench.ReceiveResponseAtPeerAsync();

        Assert.Equal(180, resent.StatusCode);
        Assert.Equal(1, Volatile.Read(ref _requestCount));
    }

    [Fact]
    public async Task ReceivedRequestHasItsSourceStampedIntoTheTopVia()
    {
        await _bench.SendFromPeerAsync(SipTexts.Invite(host: "198.51.100.7:5060"));

        var transaction = await _request.Task.WaitAsync(TimeSpan.FromSeconds(5));

        var via = transaction.Request.Vias[0];
        Assert.Equal("127.0.0.1", via.Received);
        Assert.Equal(_bench.PeerEndPoint.Port, via.RPort);
        Assert.Equal(_bench.PeerEndPoint, transaction.RemoteEndPoint);
    }

    [Fact]
    public async Task SuccessIsRetransmittedUntilTheAckArrives()
    {
        var acks = new TaskCompletionSource<SipRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        _bench.Layer.AckReceived = (ack, _) =>
        {
            acks.TrySetResult(ack);
            return ValueTask.CompletedTask;
        };
        await _bench.SendFromPeerAsync(SipTexts.Invite(host: _bench.PeerHost));
        var transaction = await _request.Task.WaitAsync(TimeSpan.FromSeconds(5));

        await transaction.SendResponseAsync(transaction.Request.CreateResponse(200, toTag: "uas"));
        await _bench.ReceiveResponseAtPeerAsync();
        _bench.Time.Advance(TimeSpan.FromMilliseconds(500));
        var first = await _bench.ReceiveResponseAtPeerAsync();
        _bench.Time.Advance(TimeSpan.FromMilliseconds(1000));
        var second = await _bench.ReceiveResponseAtPeerAsync();
        await _bench.SendFromPeerAsync(
            SipTexts.Invite(branch: "z9hG4bKack1", method: "ACK", host: _bench.PeerHost, toTag: "uas",
                body: ""));
        var ack = await acks.Task.WaitAsync(TimeSpan.FromSeconds(5));
        _bench.Time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(200, first.StatusCode);
        Assert.Equal(200, second.StatusCode);
        Assert.Equal("ACK", ack.Method);
        Assert.True(await _bench.PeerStaysSilentAsync());
        Assert.True(transaction.IsCompleted);
    }

    [Fact]
    public async Task UnacknowledgedSuccessRaisesAckTimedOutAfterSixtyFourT1()
    {
        var timedOut = new TaskCompletionSource<SipServerTransaction>(
            TaskCreationOptions.RunContinuationsAsynchronously);
        _bench.Layer.AckTimedOut = transaction =>
        {
            timedOut.TrySetResult(transaction);
            return ValueTask.CompletedTask;
        };
        await _bench.SendFromPeerAsync(SipTexts.Invite(host: _bench.PeerHost));
        var transaction = await _request.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await transaction.SendResponseAsync(transaction.Request.CreateResponse(200, toTag: "uas"));

        _bench.Time.Advance(TimeSpan.FromSeconds(31));
        var early = timedOut.Task.IsCompleted;
        _bench.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.False(early);
        Assert.Same(transaction, await timedOut.Task.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task CancelIsAnswered200AndReportedSoTheTuCanSend487()
    {
        var cancelled = new TaskCompletionSource<SipServerTransaction>(
            TaskCreationOptions.RunContinuationsAsynchronously);
        _bench.Layer.InviteCancelled = transaction =>
        {
            cancelled.TrySetResult(transaction);
            return ValueTask.CompletedTask;
        };
        await _bench.SendFromPeerAsync(SipTexts.Invite(host: _bench.PeerHost));
        var invite = await _request.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await invite.SendResponseAsync(invite.Request.CreateResponse(180, toTag: "uas"));
        await _bench.ReceiveResponseAtPeerAsync();

        await _bench.SendFromPeerAsync(SipTexts.Invite(method: "CANCEL", host: _bench.PeerHost, body: ""));
        var cancelOk = await _bench.ReceiveResponseAtPeerAsync();
        var reported = await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await reported.SendResponseAsync(reported.Request.CreateResponse(487, toTag: "uas"));
        var terminated = await _bench.ReceiveResponseAtPeerAsync();

        Assert.Equal(200, cancelOk.StatusCode);
        Assert.Equal("CANCEL", cancelOk.CSeq!.Value.Method);
        Assert.Equal("uas", cancelOk.To!.Tag);
        Assert.Same(invite, reported);
        Assert.Equal(487, terminated.StatusCode);
        Assert.Equal("INVITE", terminated.CSeq!.Value.Method);
    }

    [Fact]
    public async Task NonSuccessFinalIsRetransmittedUntilItsAckWhichIsAbsorbed()
    {
        var acks = 0;
        _bench.Layer.AckReceived = (_, _) =>
        {
            Interlocked.Increment(ref acks);
            return ValueTask.CompletedTask;
        };
        await _bench.SendFromPeerAsync(SipTexts.Invite(host: _bench.PeerHost));
        var invite = await _request.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await invite.SendResponseAsync(invite.Request.CreateResponse(486, toTag: "uas"));
        await _bench.ReceiveResponseAtPeerAsync();

        _bench.Time.Advance(TimeSpan.FromMilliseconds(500));
        var timerG = await _bench.ReceiveResponseAtPeerAsync();
        await _bench.SendFromPeerAsync(SipTexts.Invite(method: "ACK", host: _bench.PeerHost, toTag: "uas",
            body: ""));
        var quiet = await _bench.PeerStaysSilentAsync();
        _bench.Time.Advance(TimeSpan.FromSeconds(4));

        Assert.Equal(486, timerG.StatusCode);
        Assert.True(quiet);
        Assert.True(await _bench.PeerStaysSilentAsync());
        Assert.Equal(0, Volatile.Read(ref acks));
    }

    [Fact]
    public async Task CancelMatchingNoTransactionGets481()
    {
        await _bench.SendFromPeerAsync(SipTexts.Invite(branch: "z9hG4bKnone", method: "CANCEL",
            host: _bench.PeerHost, body: ""));

        var response = await _bench.ReceiveResponseAtPeerAsync();

        Assert.Equal(481, response.StatusCode);
    }

    [Fact]
    public async Task NonInviteFinalIsResentForRetransmittedRequestsUntilTimerJ()
    {
        var options = SipTexts.Request("OPTIONS", "sip:100@127.0.0.1", "z9hG4bKopt", "o-1", 2, _bench.PeerHost);
        await _bench.SendFromPeerAsync(options);
        var transaction = await _request.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await transaction.SendResponseAsync(transaction.Request.CreateResponse(200, toTag: "uas"));
        await _bench.ReceiveResponseAtPeerAsync();

        await _bench.SendFromPeerAsync(options);
        var resent = await _bench.ReceiveResponseAtPeerAsync();
        _bench.Time.Advance(TimeSpan.FromSeconds(33));
        await _bench.SendFromPeerAsync(options);
        await WaitForSecondRequestAsync();

        Assert.Equal(200, resent.StatusCode);
    }

    [Fact]
    public async Task MalformedRequestIsAnswered400WithAWarning()
    {
        var broken = SipTexts.Invite(host: _bench.PeerHost)
            .Replace("Content-Length: ", "Content-Length: 9", StringComparison.Ordinal);

        await _bench.SendFromPeerAsync(broken);
        var response = await _bench.ReceiveResponseAtPeerAsync();

        Assert.Equal(400, response.StatusCode);
        var warning = Assert.Single(_bench.Log.At(Serilog.Events.LogEventLevel.Warning));
        Assert.Equal(
            _bench.PeerEndPoint.ToString(),
            ((Serilog.Events.ScalarValue)warning.Properties["RemoteEndPoint"]).Value!.ToString());
        Assert.True(warning.Properties.ContainsKey("Reason"));
    }

    private async Task WaitForSecondRequestAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (Volatile.Read(ref _requestCount) < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "the request after Timer J was not treated as new");
            await Task.Delay(5);
        }
    }
}
