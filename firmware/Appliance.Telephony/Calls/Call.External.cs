using System.Globalization;
using Appliance.CallCenter.Routing;
using Appliance.Sip.Messages;
using Appliance.Sip.Sdp;
using Appliance.Telephony.Events;
using Appliance.Telephony.Negotiation;
using Appliance.Telephony.Trunks;

namespace Appliance.Telephony.Calls;

/// <summary>
/// The part of a call that leaves the box for an external number through
/// <see cref="CallServices.ExternalRoutes"/>: an IVR flow's transfer to a number, a queue's
/// overflow to one, and remote agents the ACD offers a call to. The leg is an
/// <see cref="AgentLeg"/> like an extension's, so BYE, re-INVITE, hold and the bridge treat it
/// alike; only its INVITE (built by <see cref="OutboundInvite"/>, as for campaigns and
/// callbacks) and the record it leaves differ.
/// </summary>
internal sealed partial class Call
{
    // Set when the transfer in progress is a queue's overflow: its failure plays the apology
    // rather than going on in a flow.
    private bool _transferFromOverflow;
    private bool _transferRingLimitReached;

    /// <summary>
    /// The trunk an external leg left by, for the record: the routing page's trunk at the address
    /// its INVITE went to (a carrier that also sends calls in), else the outbound route's name.
    /// </summary>
    private string? OutboundTrunkOf(AgentLeg leg) =>
        _services.Trunks.TryMatch(leg.Destination.Address, out var trunk)
            ? trunk
            : _services.ExternalRoutes?.Trunk.Name;

    /// <summary>Sends the INVITE for <paramref name="number"/> over its outbound route.</summary>
    /// <param name="number">The external number, as dialled.</param>
    /// <param name="legId">What the leg is known by: the number, or the remote agent's id.</param>
    /// <param name="purpose">Why the leg exists.</param>
    /// <returns>The ringing leg, or null when no route is configured, the number cannot be
    /// dialled, or no RTP port is free (each logged).</returns>
    private AgentLeg? TryRingExternal(string number, string legId, AgentLegPurpose purpose)
    {
        var routes = _services.ExternalRoutes;
        if (routes is null)
        {
            _log.Warning(
                "Call {CallId}: {Number} cannot be dialled, the box has no outbound route (Telephony:External)",
                CallId,
                number);
            return null;
        }

        if (!ExternalRoutes.IsDialable(number))
        {
            _log.Warning("Call {CallId}: {Number} is not a number that can be dialled", CallId, number);
            return null;
        }

        if (!TryOpenRtp(out var rtp))
        {
            return null;
        }

        var destinations = _services.RouteFailover.Usable(routes.DestinationsFor(number));
        var destination = destinations[0];
        var callerId = routes.CallerIdFor(_record.CallerNumber);
        var advertised = FormatHost(_services.Options.AdvertisedAddress);
        var sessionId = (ulong)_services.Time.GetUtcNow().ToUnixTimeMilliseconds();
        // The caller's codec first, so that a carrier that has it lets the bridge relay.
        var sdp = SdpNegotiator.CreateOffer(
            _services.Options.AdvertisedAddress,
            rtp.LocalPort,
            sessionId,
            SdpCodecs.NameOf(_callerRtp?.Codec));
        var legCallId = string.Create(CultureInfo.InvariantCulture, $"{Guid.NewGuid():N}@{advertised}");
        var invite = OutboundInvite.Build(
            number,
            destination,
            callerId,
            legCallId,
            advertised,
            LocalContact(),
            sdp.ToString(),
            SipMethods.Allowed);

        // The provisional handler runs on this call's mailbox, after this method has set the leg.
        AgentLeg? leg = null;
        var routed = _services.RouteFailover.Send(
            _services.Sip,
            invite,
            destinations,
            response => Post(() => ExternalProgress(leg!, response)),
            _log);
        leg = new AgentLeg(legId, routed, rtp)
        {
            SdpSessionId = sessionId,
            Purpose = purpose,
            ExternalNumber = number,
        };
        _agentLegs.Add(leg);
        _registry.AddAgentLeg(leg.CallId, this);

        _log.Information(
            "Call {CallId} dials external number {Number} over {Destination} as {CallerId} ({Purpose})",
            CallId,
            number,
            destination,
            callerId,
            purpose);
        return leg;
    }

    /// <summary>180 or 183 from the far network, logged once per leg; its SDP opens early media.</summary>
    private void ExternalProgress(AgentLeg leg, SipResponse response)
    {
        if (response.StatusCode is 180 or 183 && !leg.ProgressSeen && leg.State == AgentLegState.Ringing)
        {
            leg.ProgressSeen = true;
            _log.Information(
                "Call {CallId}: external number {Number} is ringing ({Status})",
                CallId,
                leg.ExternalNumber,
                response.StatusCode);
        }

        EarlyMediaOffered(leg, response);
    }

    /// <summary>
    /// Transfers the caller to <paramref name="number"/>: the caller hears silence while it rings,
    /// or the network's early media when a 180 or 183 brings SDP, is bridged on the answer, and on
    /// busy, no answer or a trunk failure goes to the flow's failed branch or, for an overflow or a
    /// flow without one, hears the apology.
    /// </summary>
    private void TransferToNumber(string number, bool fromOverflow)
    {
        _phase = CallPhase.Transferring;
        _transferFromOverflow = fromOverflow;
        _transferRingLimitReached = false;
        _callerRtp!.Source = null;
        var leg = TryRingExternal(number, number, AgentLegPurpose.External);
        if (leg is null)
        {
            TransferFailed();
            return;
        }

        _ = AwaitTransferAnswerAsync(leg);
        var ringTimeout = _services.ExternalRoutes!.RingTimeout;
        _transferTimer = _services.Time.CreateTimer(
            _ => Post(async () =>
            {
                if (leg.State == AgentLegState.Ringing && _phase == CallPhase.Transferring)
                {
                    // RFC 3261 §9.1: the INVITE then ends with 487, or with Timer B if nothing came back.
                    _transferRingLimitReached = true;
                    _log.Information(
                        "Call {CallId}: external number {Number} did not answer within {RingTimeout}",
                        CallId,
                        number,
                        ringTimeout);
                    await CancelLegAsync(leg).ConfigureAwait(false);
                }
            }),
            null,
            ringTimeout,
            Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// The ACD offers this call to a remote agent: its external number is dialled like an agent's
    /// phone, and the answer, a refusal and the ACD's ring-no-answer withdrawal take the offer's
    /// usual path (<see cref="AgentAnswered"/>, <see cref="OfferWithdrawn"/>).
    /// </summary>
    private void RingRemoteAgent(AcdOffer offer, string number)
    {
        var leg = TryRingExternal(number, offer.AgentId, AgentLegPurpose.Offer);
        if (leg is null)
        {
            _log.Warning(
                "Call {CallId}: remote agent {Agent} cannot be rung at {Number}", CallId, offer.AgentId, number);
            _services.Acd.OfferFailed(CallId, offer.AgentId);
            return;
        }

        _ = AwaitAgentAnswerAsync(leg);
        _log.Information(
            "Call {CallId} offered to remote agent {Agent} at {Number} from queue {Queue}",
            CallId,
            offer.AgentId,
            number,
            offer.Queue);
        Publish(CallEventKind.Offered, offer.AgentId);
    }

    /// <summary>Logs why an external leg ended unanswered.</summary>
    private void LogExternalFailure(AgentLeg leg, SipResponse? response)
    {
        var status = response?.StatusCode ?? 408;
        _log.Information(
            "Call {CallId}: external number {Number} not reached: {Cause} (SIP {Status})",
            CallId,
            leg.ExternalNumber,
            OutboundInvite.CauseOf(status, _transferRingLimitReached),
            status);
    }
}
