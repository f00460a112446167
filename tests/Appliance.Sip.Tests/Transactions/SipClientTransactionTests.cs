using Appliance.Sip.Messages;
using Appliance.Sip.Tests.Support;

namespace Appliance.Sip.Tests.Transactions;

[Trait("Category", "Integration")]
public sealed class SipClientTransactionTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly LoopbackBench _bench = new();

    public Task InitializeAsync()
    {
        _bench.Layer.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _bench.DisposeAsync();

    ValueTask IAsyncDisposable.DisposeAsync() => _bench.DisposeAsync();

    [Fact]
    public async Task InviteIsRetransmittedByTimerAThenTimerBEndsItWithoutAResponse()
    {
        var transaction = _bench.Layer.SendRequest(Invite(), _bench.PeerEndPoint);
        var first = await _bench.ReceiveRequestAtPeerAsync();
        var received = 1;

        // RFC 3261 §17.1.1.2: A fires at 0.5, 1.5, 3.5, 7.5, 15.5 and 31.5 s; B at 32 s.
        foreach (var ms in new[] { 500, 1000, 2000, 4000, 8000, 16000 })
        {
            _bench.Time.Advance(TimeSpan.FromMilliseconds(ms));
            var again = await _bench.ReceiveRequestAtPeerAsync();
            Assert.Equal(first.Vias[0].Branch, again.Vias[0].Branch);
            received++;
        }

        Assert.False(transaction.FinalResponse.IsCompleted);
        _bench.Time.Advance(TimeSpan.FromMilliseconds(500));

        Assert.Equal(7, received);
        Assert.Null(await transaction.FinalResponse.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(await _bench.PeerStaysSilentAsync());
    }

    [Fact]
    public async Task SentRequestGetsViaWithBranchRPortAndMaxForwards()
    {
        _bench.Layer.SendRequest(Invite(), _bench.PeerEndPoint);

        var sent = await _bench.ReceiveRequestAtPeerAsync();

        var via = Assert.Single(sent.Vias);
        Assert.StartsWith("z9hG4bK", via.Branch, StringComparison.Ordinal);
        Assert.True(via.HasRPort);
        Assert.Equal(_bench.Transport.LocalEndPoint.Port, via.Port);
        Assert.Equal("70", sent.Headers["Max-Forwards"]);
    }

    [Fact]
    public async Task ProvisionalStopsTimerAAndFinalCompletesTheTransaction()
    {
        var transaction = _bench.Layer.SendRequest(Invite(), _bench.PeerEndPoint);
        var provisionals = 0;
        transaction.ProvisionalReceived += _ => Interlocked.Increment(ref provisionals);
        var sent = await _bench.ReceiveRequestAtPeerAsync();
        await _bench.SendFromPeerAsync(SipTexts.Response(180, "Ringing", sent.Vias[0].Branch!, "INVITE"));
        await WaitUntilAsync(() => Volatile.Read(ref provisionals) == 1);

        _bench.Time.Advance(TimeSpan.FromSeconds(40));
        var silent = await _bench.PeerStaysSilentAsync();
        await _bench.SendFromPeerAsync(SipTexts.Response(200, "OK", sent.Vias[0].Branch!, "INVITE"));
        var final = await transaction.FinalResponse.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(silent);
        Assert.Equal(200, final!.StatusCode);
    }

    [Fact]
    public async Task NonSuccessFinalToInviteIsAcknowledgedByTheLayer()
    {
        var transaction = _bench.Layer.SendRequest(Invite(), _bench.PeerEndPoint);
        var sent = await _bench.ReceiveRequestAtPeerAsync();

        await _bench.SendFromPeerAsync(SipTexts.Response(486, "Busy Here", sent.Vias[0].Branch!, "INVITE"));
        var ack = await _bench.ReceiveRequestAtPeerAsync();
        await _bench.SendFromPeerAsync(SipTexts.Response(486, "Busy Here", sent.Vias[0].Branch!, "INVITE"));
        var ackAgain = await _bench.ReceiveRequestAtPeerAsync();

        Assert.Equal(486, (await transaction.FinalResponse)!.StatusCode);
        Assert.Equal("ACK", ack.Method);
        Assert.Equal(sent.Vias[0].Branch, ack.Vias[0].Branch);
        Assert.Equal(new SipCSeq(1, "ACK"), ack.CSeq);
        Assert.Equal("peer-tag", ack.To!.Tag);
        Assert.Equal("ACK", ackAgain.Method);
    }

    [Fact]
    public async Task RetransmittedSuccessGoesToTheStrayResponseHandler()
    {
        var strays = new TaskCompletionSource<SipResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        _bench.Layer.StrayResponseReceived = (response, _) =>
        {
            strays.TrySetResult(response);
            return ValueTask.CompletedTask;
        };
        var transaction = _bench.Layer.SendRequest(Invite(), _bench.PeerEndPoint);
        var sent = await _bench.ReceiveRequestAtPeerAsync();
        var ok = SipTexts.Response(200, "OK", sent.Vias[0].Branch!, "INVITE");

        await _bench.SendFromPeerAsync(ok);
        await transaction.FinalResponse.WaitAsync(TimeSpan.FromSeconds(5));
        await _bench.SendFromPeerAsync(ok);
        var stray = await strays.Task.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(200, stray.StatusCode);
    }

    [Fact]
    public async Task CancelWaitsForAProvisionalThenReusesTheInviteBranch()
    {
        var transaction = _bench.Layer.SendRequest(Invite(), _bench.PeerEndPoint);
        var sent = await _bench.ReceiveRequestAtPeerAsync();

        await transaction.CancelAsync();
        var silentBeforeProvisional = await _bench.PeerStaysSilentAsync();
        await _bench.SendFromPeerAsync(SipTexts.Response(180, "Ringing", sent.Vias[0].Branch!, "INVITE"));
        var cancel = await _bench.ReceiveRequestAtPeerAsync();

        Assert.True(silentBeforeProvisional);
        Assert.Equal("CANCEL", cancel.Method);
        Assert.Equal(sent.Vias[0].Branch, cancel.Vias[0].Branch);
        Assert.Equal(new SipCSeq(1, "CANCEL"), cancel.CSeq);
        Assert.Equal(sent.RequestUri.ToString(), cancel.RequestUri.ToString());
        Assert.Null(cancel.To!.Tag);
    }

    [Fact]
    public async Task NonInviteIsRetransmittedUpToT2UntilTimerF()
    {
        var options = new SipRequest("OPTIONS", SipUri.Parse("sip:1001@127.0.0.1"));
        AddDialogHeaders(options, "OPTIONS");
        var transaction = _bench.Layer.SendRequest(options, _bench.PeerEndPoint);
        await _bench.ReceiveRequestAtPeerAsync();
        var received = 1;

        // RFC 3261 §17.1.2.2: E at 0.5, 1.5, 3.5, 7.5, then every T2 = 4 s until F at 32 s.
        foreach (var ms in new[] { 500, 1000, 2000, 4000, 4000, 4000, 4000, 4000, 4000, 4000 })
        {
            _bench.Time.Advance(TimeSpan.FromMilliseconds(ms));
            await _bench.ReceiveRequestAtPeerAsync();
            received++;
        }

        _bench.Time.Advance(TimeSpan.FromMilliseconds(500));

        Assert.Equal(11, received);
        Assert.Null(await transaction.FinalResponse.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    private static SipRequest Invite()
    {
        var invite = new SipRequest("INVITE", SipUri.Parse("sip:1001@127.0.0.1"));
        AddDialogHeaders(invite, "INVITE");
        return invite;
    }

    private static void AddDialogHeaders(SipRequest request, string method)
    {
        request.Headers.Add("From", "<sip:100@127.0.0.1>;tag=ours");
        request.Headers.Add("To", "<sip:1001@127.0.0.1>");
        request.Headers.Add("Call-ID", "out-1");
        request.Headers.Add("CSeq", $"1 {method}");
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
