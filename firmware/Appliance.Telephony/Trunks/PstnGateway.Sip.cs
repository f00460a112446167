using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Appliance.Sip.Dialogs;
using Appliance.Sip.Messages;
using Appliance.Sip.Transactions;

namespace Appliance.Telephony.Trunks;

/// <summary>
/// SIP trunks as trunk groups of outbound routes: when a route's turn comes to a SIP group (the
/// card's groups before it in alarm or full), the call is handed to the carrier as a new INVITE
/// carrying the box's SDP, so media flows between the box and the carrier directly; when the
/// carrier fails the call (no answer, 408, 5xx) or does not answer OPTIONS, the route goes on to
/// its next group, a card group included. The gateway stays in the signalling path as a B2BUA:
/// the carrier's 180 and 183 (with their SDP, for early media) go back to the box, the box's
/// CANCEL goes on to the carrier, and BYE passes between the two dialogs.
/// </summary>
public sealed partial class PstnGateway
{
    private readonly Dictionary<string, SipTrunkBridge> _bridges = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _sipTrunksUp = new(StringComparer.Ordinal);

    private bool SipTrunkUp(string name) => _sipTrunksUp.GetValueOrDefault(name, true);

    private void QualifySipTrunks()
    {
        if (!_options.QualifySipTrunks)
        {
            return;
        }

        foreach (var (name, endPoint) in _options.SipTrunks)
        {
            QualifyOne(endPoint, up =>
            {
                if (_sipTrunksUp.GetValueOrDefault(name, true) == up)
                {
                    _sipTrunksUp[name] = up;
                    return;
                }

                _sipTrunksUp[name] = up;
                if (up)
                {
                    _log.Information("SIP trunk {SipTrunk} at {EndPoint} answers OPTIONS again", name, endPoint);
                }
                else
                {
                    _log.Warning("SIP trunk {SipTrunk} at {EndPoint} stopped answering OPTIONS", name, endPoint);
                }
            });
        }
    }

    private async ValueTask ForwardToSipTrunkAsync(
        SipServerTransaction inbound,
        TrunkRouteChoice choice,
        string number,
        IReadOnlySet<string> failed)
    {
        var name = choice.Group.SipTrunk!;
        var trunk = _options.SipTrunks[name];
        var request = inbound.Request;
        var local = _transport!.LocalEndPoint;
        var callId = string.Create(CultureInfo.InvariantCulture, $"{Guid.NewGuid():N}@pstn");
        var caller = CallerOf(request).Digits is { Length: > 0 } digits ? digits : "anonymous";
        var invite = new SipRequest("INVITE", SipUri.Parse($"sip:{number}@{trunk.Address}:{trunk.Port}"));
        invite.Headers.Add("Max-Forwards", "70");
        invite.Headers.Add("From", $"<sip:{caller}@{local.Address}:{local.Port}>;tag={SipTransactionLayer.NewTag()}");
        invite.Headers.Add("To", $"<sip:{number}@{trunk.Address}>");
        invite.Headers.Add("Call-ID", callId);
        invite.Headers.Add("CSeq", "1 INVITE");
        invite.Headers.Add("Contact", $"<sip:pstn@{local.Address}:{local.Port}>");
        invite.Headers.Add("Content-Type", "application/sdp");
        invite.Body = request.Body;

        var bridge = new SipTrunkBridge(inbound, request.CallId!, invite, callId, trunk, choice.Group.Name);
        _bridges[bridge.InboundCallId] = bridge;
        _bridges[callId] = bridge;
        await inbound.SendResponseAsync(request.CreateResponse(100, "Trying")).ConfigureAwait(false);
        var outbound = _sip!.SendRequestWatched(
            invite, trunk, response => _mailbox.Post(() => RelayProvisionalAsync(bridge, response)));
        bridge.Outbound = outbound;
        _log.Information(
            "Outbound call {CallId} to {Number} handed to SIP trunk {SipTrunk} of group {Group} after passing {Skipped}",
            bridge.InboundCallId,
            number,
            name,
            choice.Group.Name,
            choice.Skipped.Count == 0 ? "nothing" : string.Join("; ", choice.Skipped));
        _ = Task.Run(async () =>
        {
            var response = await outbound.FinalResponse.ConfigureAwait(false);
            _mailbox.Post(() => SipTrunkAnsweredAsync(bridge, response, number, failed));
        });
    }

    /// <summary>
    /// Passes the carrier's ringing and session progress back to the box, each with its SDP, so
    /// the caller hears the carrier's ring-back or announcement before the answer (RFC 3261
    /// §16.7 step 5 forwards provisionals for a proxy; a B2BUA does the same on its own dialog).
    /// 100 Trying is hop by hop and stays here.
    /// </summary>
    private async ValueTask RelayProvisionalAsync(SipTrunkBridge bridge, SipResponse response)
    {
        if (bridge.Ended || response.StatusCode == 100 || bridge.Inbound.IsCompleted)
        {
            return;
        }

        var inbound = bridge.Inbound;
        var relayed = inbound.Request.CreateResponse(response.StatusCode, response.ReasonPhrase, bridge.InboundTag);
        relayed.Headers.Add("Contact", $"<sip:pstn@{inbound.RemoteEndPoint.Address}:{SipEndPoint.Port}>");
        if (!response.Body.IsEmpty)
        {
            relayed.Headers.Add("Content-Type", response.Headers["Content-Type"] ?? "application/sdp");
            relayed.Body = response.Body;
        }

        await inbound.SendResponseAsync(relayed).ConfigureAwait(false);
        _log.Information(
            "Outbound call {CallId} over SIP trunk of group {Group}: carrier answered {Status}{WithSdp}",
            bridge.InboundCallId,
            bridge.Group,
            response.StatusCode,
            response.Body.IsEmpty ? "" : " with SDP");
    }

    /// <summary>
    /// The box gave up on a call still ringing at the carrier: the INVITE is answered 487 at once
    /// (RFC 3261 §9.2) and the carrier's INVITE is cancelled in turn (§9.1), whose 487 then ends
    /// its transaction here; a carrier that answers all the same is sent ACK and BYE.
    /// </summary>
    private async ValueTask CancelBridgeAsync(SipServerTransaction invite, SipTrunkBridge bridge)
    {
        Forget(bridge);
        bridge.Cancelled = true;
        await invite.SendResponseAsync(invite.Request.CreateResponse(487, "Request Terminated", bridge.InboundTag))
            .ConfigureAwait(false);
        if (bridge.Outbound is { } outbound)
        {
            await outbound.CancelAsync().ConfigureAwait(false);
        }

        _log.Information(
            "Outbound call {CallId} over SIP trunk of group {Group} cancelled by the box before the carrier answered",
            bridge.InboundCallId,
            bridge.Group);
    }

    private async ValueTask SipTrunkAnsweredAsync(
        SipTrunkBridge bridge,
        SipResponse? response,
        string number,
        IReadOnlySet<string> failed)
    {
        if (bridge.Cancelled && response is { IsSuccess: true })
        {
            // RFC 3261 §15: the 200 crossed our CANCEL; the call is confirmed and at once ended.
            var late = SipDialog.CreateUac(bridge.Invite, response, bridge.Trunk);
            await _sip!.SendAckAsync(late.CreateAck(response), bridge.Trunk).ConfigureAwait(false);
            _ = _sip.SendRequest(late.CreateRequest("BYE"), bridge.Trunk);
            return;
        }

        if (bridge.Ended)
        {
            return;
        }

        // A carrier that fails the call, rather than refusing the number, is passed over like a
        // group in alarm: RFC 3261 §21.5 (5xx) and a timeout (408 or none) say nothing of the callee.
        var inbound = bridge.Inbound;
        if (response is null || response.StatusCode == 408 || response.StatusCode >= 500)
        {
            Forget(bridge);
            _log.Warning(
                "SIP trunk of group {Group} failed outbound call {CallId} with {Status}; the route goes on",
                bridge.Group,
                bridge.InboundCallId,
                response?.StatusCode ?? 408);
            await RouteOutboundAsync(inbound, new HashSet<string>(failed, StringComparer.Ordinal) { bridge.Group })
                .ConfigureAwait(false);
            return;
        }

        if (response.StatusCode >= 300)
        {
            Forget(bridge);
            _log.Information("SIP trunk of group {Group} refused outbound call {CallId} with {Status}",
                bridge.Group, bridge.InboundCallId, response.StatusCode);
            await inbound.SendResponseAsync(inbound.Request.CreateResponse(
                response.StatusCode, response.ReasonPhrase, bridge.InboundTag)).ConfigureAwait(false);
            return;
        }

        // RFC 3261 §13.2.2.4: the UAC acknowledges every 2xx itself.
        bridge.OutDialog = SipDialog.CreateUac(bridge.Invite, response, bridge.Trunk);
        await _sip!.SendAckAsync(bridge.OutDialog.CreateAck(response), bridge.Trunk).ConfigureAwait(false);
        var ok = inbound.Request.CreateResponse(200, "OK", bridge.InboundTag);
        ok.Headers.Add("Contact", $"<sip:pstn@{inbound.RemoteEndPoint.Address}:{SipEndPoint.Port}>");
        ok.Headers.Add("Content-Type", "application/sdp");
        ok.Body = response.Body;
        bridge.InDialog = SipDialog.CreateUas(inbound.Request, ok, inbound.RemoteEndPoint);
        await inbound.SendResponseAsync(ok).ConfigureAwait(false);
        _log.Information("Outbound call {CallId} connected over SIP trunk of group {Group}", bridge.InboundCallId,
            bridge.Group);
    }

    /// <summary>A BYE on either dialog of a bridged call goes on to the other.</summary>
    private async ValueTask ByeOnBridgeAsync(SipServerTransaction transaction, SipTrunkBridge bridge)
    {
        await transaction.SendResponseAsync(transaction.Request.CreateResponse(200, "OK")).ConfigureAwait(false);
        var fromBox = transaction.Request.CallId == bridge.InboundCallId;
        var other = fromBox ? bridge.OutDialog : bridge.InDialog;
        if (other is not null)
        {
            _ = _sip!.SendRequest(other.CreateRequest("BYE"), other.RemoteEndPoint);
        }

        Forget(bridge);
        _log.Information("Outbound call {CallId} over SIP trunk of group {Group} hung up from the {Side}",
            bridge.InboundCallId, bridge.Group, fromBox ? "box" : "carrier");
    }

    private void Forget(SipTrunkBridge bridge)
    {
        bridge.Ended = true;
        _bridges.Remove(bridge.InboundCallId);
        _bridges.Remove(bridge.OutboundCallId);
    }

    /// <summary>One outbound call handed from the box to a SIP trunk. Touched only on the
    /// mailbox.</summary>
    private sealed class SipTrunkBridge(
        SipServerTransaction inbound,
        string inboundCallId,
        SipRequest invite,
        string outboundCallId,
        IPEndPoint trunk,
        string group)
    {
        public SipServerTransaction Inbound { get; } = inbound;

        public string InboundCallId { get; } = inboundCallId;

        public SipRequest Invite { get; } = invite;

        public string OutboundCallId { get; } = outboundCallId;

        public IPEndPoint Trunk { get; } = trunk;

        public string Group { get; } = group;

        public SipDialog? InDialog { get; set; }

        public SipDialog? OutDialog { get; set; }

        /// <summary>Our To tag towards the box: the same on every provisional and the final, so
        /// the early dialog of a 183 is the dialog the 200 confirms (RFC 3261 §12.1.1).</summary>
        public string InboundTag { get; } = SipTransactionLayer.NewTag();

        /// <summary>The INVITE to the carrier, once sent.</summary>
        public SipClientTransaction? Outbound { get; set; }

        public bool Ended { get; set; }

        /// <summary>The box cancelled the call while the carrier had not answered.</summary>
        public bool Cancelled { get; set; }
    }
}
