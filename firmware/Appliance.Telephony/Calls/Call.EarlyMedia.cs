using System.Text;
using Appliance.Media.Engine;
using Appliance.Sip.Messages;
using Appliance.Sip.Sdp;
using Appliance.Telephony.Negotiation;

namespace Appliance.Telephony.Calls;

/// <summary>
/// Early media of a transfer to an external number: the caller was answered by the IVR already,
/// so the network's ringback or announcement that a 180 or 183 with SDP brings is bridged into
/// the caller's existing media path, without any signalling towards the caller, until the number
/// answers (the bridge of the answer takes over) or fails (the flow goes on as without it).
/// Nothing is recorded before the answer. A remote agent's early media is not passed: the queued
/// caller keeps hearing its queue, as the ACD may still withdraw the offer.
/// </summary>
internal sealed partial class Call
{
    private MediaBridge? _earlyMedia;
    private AgentLeg? _earlyMediaLeg;

    /// <summary>A provisional response of an external leg: its SDP, when it has one, opens early media.</summary>
    private void EarlyMediaOffered(AgentLeg leg, SipResponse response)
    {
        if (leg.Purpose != AgentLegPurpose.External
            || leg.State != AgentLegState.Ringing
            || _phase != CallPhase.Transferring
            || response.StatusCode is not (180 or 183)
            || response.Body.IsEmpty
            || _callerRtp is null)
        {
            return;
        }

        // RFC 3960 §3 (the gateway model): the SDP of a provisional response is the answer that
        // the early media flows by; a later one, from the next route say, replaces it.
        var answer = Encoding.UTF8.GetString(response.Body.Span);
        if (!SdpSession.TryParse(answer, out var session, out var problem)
            || !SdpNegotiator.TryReadAnswer(session!, out var media, out problem))
        {
            _log.Warning(
                "Call {CallId}: the early media SDP of external number {Number} is unusable: {Problem}",
                CallId,
                leg.ExternalNumber,
                problem);
            return;
        }

        ConfigureRtp(leg.Rtp, media);
        if (_earlyMedia is not null)
        {
            return;
        }

        _earlyMedia = new MediaBridge(_callerRtp, leg.Rtp, _services.Clock, recorder: null, _log);
        _earlyMediaLeg = leg;
        _log.Information(
            "Call {CallId}: the caller hears the early media of external number {Number} ({Status})",
            CallId,
            leg.ExternalNumber,
            response.StatusCode);
    }

    /// <summary>Ends the early media bridge; the caller's media path is free again.</summary>
    private void StopEarlyMedia(AgentLeg? of = null)
    {
        if (_earlyMedia is null || (of is not null && of != _earlyMediaLeg))
        {
            return;
        }

        _earlyMedia.Dispose();
        _earlyMedia = null;
        _earlyMediaLeg = null;
    }
}
