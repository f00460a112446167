using System.Net;
using Appliance.Sip.Messages;
using Appliance.Sip.Transactions;
using Appliance.Sip.Transport;
using Appliance.Telephony.Trunks;
using Serilog.Core;

namespace Appliance.Telephony.Tests.Trunks;

/// <summary>
/// An INVITE over a list of routes, sent by a real transaction layer on loopback UDP to carriers
/// on bare sockets (<see cref="RawSipCarrier"/>), which answer only what each test makes them.
/// </summary>
public sealed class RoutedInviteTests : IAsyncDisposable
{
    private const string Number = "+8613800138000";
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(5);

    private readonly SipUdpTransport _transport = new(new IPEndPoint(IPAddress.Loopback, 0), Logger.None);
    private readonly SipTransactionLayer _sip;
    private readonly RouteFailover _failover = new(
        new RouteFailoverOptions { RouteTimeout = TimeSpan.FromMilliseconds(300) },
        TimeProvider.System,
        Logger.None);

    private readonly RawSipCarrier _first = new();
    private readonly RawSipCarrier _second = new();

    public RoutedInviteTests()
    {
        _sip = new SipTransactionLayer(_transport, TimeProvider.System, Logger.None);
        _sip.Start();
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ASilentRouteIsLeftForTheNextAndItsLateAnswerIsAcknowledgedAndEnded()
    {
        var routed = Send();
        var silent = await _first.ReceiveAsync("INVITE", s_wait);
        var next = await _second.ReceiveAsync("INVITE", s_wait);
        await _second.RespondAsync(next!.Value.Request, next.Value.From, 200);
        var final = await routed.FinalResponse.WaitAsync(s_wait);

        await _first.RespondAsync(silent!.Value.Request, silent.Value.From, 200, toTag: "late");
        var ack = await _first.ReceiveAsync("ACK", s_wait);
        var bye = await _first.ReceiveAsync("BYE", s_wait);

        Assert.Equal(200, final?.StatusCode);
        Assert.Equal(_second.EndPoint, routed.Destination);
        Assert.Equal(2u, routed.Request.CSeq?.Number);
        Assert.Equal(
            (silent.Value.Request.CallId, silent.Value.Request.From?.Tag),
            (next.Value.Request.CallId, next.Value.Request.From?.Tag));
        Assert.NotNull(ack);
        Assert.NotNull(bye);
        Assert.Contains("tag=late", bye.Value.Request.Headers["To"], StringComparison.Ordinal);
        Assert.True(_failover.IsHeldDown(_first.EndPoint));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ARouteAnswering503WithRetryAfterIsLeftAndHeldDownForTheCallsAfter()
    {
        var routed = Send();
        var first = await _first.ReceiveAsync("INVITE", s_wait);
        await _first.RespondAsync(first!.Value.Request, first.Value.From, 503, headers: ("Retry-After", "300"));
        var next = await _second.ReceiveAsync("INVITE", s_wait);
        await _second.RespondAsync(next!.Value.Request, next.Value.From, 200);

        var final = await routed.FinalResponse.WaitAsync(s_wait);
        var usable = _failover.Usable([_first.EndPoint, _second.EndPoint]);

        Assert.Equal(200, final?.StatusCode);
        Assert.Equal([_second.EndPoint], usable);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ABusyRouteEndsTheInviteAndTheNextRouteGetsNone()
    {
        var routed = Send();
        var first = await _first.ReceiveAsync("INVITE", s_wait);
        await _first.RespondAsync(first!.Value.Request, first.Value.From, 486);

        var final = await routed.FinalResponse.WaitAsync(s_wait);
        var next = await _second.ReceiveAsync("INVITE", TimeSpan.FromSeconds(1));

        Assert.Equal(486, final?.StatusCode);
        Assert.Null(next);
        Assert.False(_failover.IsHeldDown(_first.EndPoint));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ACallerWhoGivesUpIsNotDialledOnTheNextRoute()
    {
        var routed = Send();
        var first = await _first.ReceiveAsync("INVITE", s_wait);
        await _first.RespondAsync(first!.Value.Request, first.Value.From, 180);
        await Task.Delay(100);

        await routed.CancelAsync();
        var cancel = await _first.ReceiveAsync("CANCEL", s_wait);
        await _first.RespondAsync(cancel!.Value.Request, cancel.Value.From, 200);
        await _first.RespondAsync(first.Value.Request, first.Value.From, 487);
        var final = await routed.FinalResponse.WaitAsync(s_wait);
        var next = await _second.ReceiveAsync("INVITE", TimeSpan.FromSeconds(1));

        Assert.Equal(487, final?.StatusCode);
        Assert.Null(next);
    }

    public async ValueTask DisposeAsync()
    {
        await _sip.DisposeAsync();
        _first.Dispose();
        _second.Dispose();
    }

    private RoutedInvite Send()
    {
        var invite = OutboundInvite.Build(
            Number,
            _first.EndPoint,
            "5551234",
            $"{Guid.NewGuid():N}@127.0.0.1",
            "127.0.0.1",
            $"<sip:{_sip.LocalEndPoint}>",
            "v=0\r\n",
            "INVITE, ACK, BYE, CANCEL");
        return _failover.Send(_sip, invite, [_first.EndPoint, _second.EndPoint], onProvisional: null, Logger.None);
    }
}
