using System.Net;
using Appliance.Sip.Messages;
using Appliance.Sip.Transactions;
using Appliance.Sip.Transport;
using Appliance.Telephony.Tests.Support;
using Appliance.Telephony.Trunks;
using Serilog.Core;
using Serilog.Events;

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

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ARouteThatCannotBeSentToIsLeftAtOnceWithOneWarningAndHeldDown()
    {
        var events = new CapturedEvents();
        var failover = new RouteFailover(
            new RouteFailoverOptions { RouteTimeout = TimeSpan.FromSeconds(30) },
            TimeProvider.System,
            events.Logger);
        var ipv6 = new IPEndPoint(IPAddress.IPv6Loopback, 5099);

        var routed = failover.Send(_sip, Invite(ipv6), [ipv6, _second.EndPoint], onProvisional: null, events.Logger);
        var next = await _second.ReceiveAsync("INVITE", s_wait);
        await _second.RespondAsync(next!.Value.Request, next.Value.From, 200);
        var final = await routed.FinalResponse.WaitAsync(s_wait);

        Assert.Equal(200, final?.StatusCode);
        Assert.Equal(2u, next.Value.Request.CSeq?.Number);
        Assert.True(failover.IsHeldDown(ipv6));
        var warning = Assert.Single(events.At(LogEventLevel.Warning));
        Assert.StartsWith("Outbound route [::1]:5099 could not be sent to (", warning, StringComparison.Ordinal);
        Assert.EndsWith(
            "): it is passed over for 00:01:00 while another route is left", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("sent no final response", string.Join('\n', events.All), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task TheLastRouteThatCannotBeSentToEndsTheInviteAsA503()
    {
        var ipv6 = new IPEndPoint(IPAddress.IPv6Loopback, 5099);

        var routed = _failover.Send(_sip, Invite(ipv6), [ipv6], onProvisional: null, Logger.None);
        var final = await routed.FinalResponse.WaitAsync(s_wait);

        Assert.Equal(503, final?.StatusCode);
        Assert.Equal(OutboundCause.Unavailable, OutboundInvite.CauseOf(final!.StatusCode, ringLimitReached: false));
        Assert.True(_failover.IsHeldDown(ipv6));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ASilentLastRouteIsHeldDownWhileItsInviteWaitsOnAndFreedWhenItAnswers()
    {
        var routed = _failover.Send(
            _sip, Invite(_first.EndPoint), [_first.EndPoint], onProvisional: null, Logger.None);
        var invite = await _first.ReceiveAsync("INVITE", s_wait);
        var deadline = DateTime.UtcNow + s_wait;
        while (!_failover.IsHeldDown(_first.EndPoint) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        var heldDown = _failover.IsHeldDown(_first.EndPoint);
        var waiting = !routed.FinalResponse.IsCompleted;
        await _first.RespondAsync(invite!.Value.Request, invite.Value.From, 180);
        await _first.RespondAsync(invite.Value.Request, invite.Value.From, 200);
        var final = await routed.FinalResponse.WaitAsync(s_wait);

        Assert.True(heldDown, "the silent last route was not held down");
        Assert.True(waiting, "the INVITE on the last route ended at the route timeout");
        Assert.Equal(200, final?.StatusCode);
        Assert.False(_failover.IsHeldDown(_first.EndPoint));
    }

    public async ValueTask DisposeAsync()
    {
        await _sip.DisposeAsync();
        _first.Dispose();
        _second.Dispose();
    }

    private RoutedInvite Send() =>
        _failover.Send(
            _sip, Invite(_first.EndPoint), [_first.EndPoint, _second.EndPoint], onProvisional: null, Logger.None);

    private SipRequest Invite(IPEndPoint first) =>
        OutboundInvite.Build(
            Number,
            first,
            "5551234",
            $"{Guid.NewGuid():N}@127.0.0.1",
            "127.0.0.1",
            $"<sip:{_sip.LocalEndPoint}>",
            "v=0\r\n",
            "INVITE, ACK, BYE, CANCEL");
}
