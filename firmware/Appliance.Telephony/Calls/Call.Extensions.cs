using System.Text;
using Appliance.Media.Engine;
using Appliance.Sip.Dialogs;
using Appliance.Sip.Messages;
using Appliance.Sip.Sdp;
using Appliance.Sip.Transfer;
using Appliance.Telephony.Events;

namespace Appliance.Telephony.Calls;

/// <summary>
/// Legs the ACD does not decide on: an agent's call to another extension (the consultation of
/// an attended transfer) and the leg a blind transfer rings. Such a leg is bridged without a
/// recording and the ACD never hears of it.
/// </summary>
internal sealed partial class Call
{
    /// <summary>
    /// Another call's REFER with Replaces names this call's dialog with the agent who dialled
    /// (RFC 3891 §3): the leg to the dialled extension moves to <paramref name="recipient"/>
    /// and this call ends, which sends BYE on the replaced dialog. <paramref name="recipient"/>
    /// hears back through <see cref="ConsultationHandedOver"/>, with null when the dialog does
    /// not match or the extension has not answered.
    /// </summary>
    public void HandOverConsultation(SipReplaces replaces, Call recipient) => Post(async () =>
    {
        var leg = _connected;
        var dialog = _callerDialog;
        var matches = _target.Kind == DialPlan.DialPlanTargetKind.Extension
            && _phase == CallPhase.Bridged
            && leg is { State: AgentLegState.Connected }
            && dialog is not null
            && dialog.LocalTag == replaces.ToTag
            && dialog.RemoteTag == replaces.FromTag;
        if (!matches)
        {
            _log.Information(
                "Call {CallId}: Replaces for tags {ToTag}/{FromTag} matches no answered consultation",
                CallId,
                replaces.ToTag,
                replaces.FromTag);
            recipient.ConsultationHandedOver(null);
            return;
        }

        StopSupervision();
        _bridge?.Dispose();
        _bridge = null;
        _agentLegs.Remove(leg!);
        _connected = null;

        // The hand-over is posted before the leg's Call-ID points at the recipient, so a BYE
        // from that phone can only reach the recipient after it owns the leg.
        recipient.ConsultationHandedOver(leg);
        _registry.AddAgentLeg(leg!.CallId, recipient);
        _log.Information(
            "Call {CallId}: consultation with {Agent} handed over to call {Recipient}",
            CallId,
            leg.AgentId,
            recipient.CallId);
        await EndAsync(CallEnding.ByTheBox).ConfigureAwait(false);
    });

    /// <summary>An agent's phone dialled another agent's extension: ring its registered phone.</summary>
    private void RingExtension(string extension)
    {
        _phase = CallPhase.Dialling;
        if (TryRingDirect(extension, AgentLegPurpose.Extension) is null)
        {
            _log.Information("Call {CallId}: extension {Extension} cannot be rung", CallId, extension);
            Post(() => EndAsync(CallEnding.ByTheBox));
        }
    }

    /// <summary>Sends an INVITE to the first registered phone of <paramref name="extension"/>.</summary>
    /// <returns>The ringing leg, or null when the extension is not registered or no RTP port is free.</returns>
    private AgentLeg? TryRingDirect(string extension, AgentLegPurpose purpose)
    {
        var bindings = _services.Registrar.Lookup(extension);
        if (bindings.Count == 0 || !TryOpenRtp(out var rtp))
        {
            return null;
        }

        var binding = bindings[0];
        var destination = DestinationOf(binding);
        var sessionId = (ulong)_services.Time.GetUtcNow().ToUnixTimeMilliseconds();
        var sdp = SdpNegotiator.CreateOffer(_services.Options.AdvertisedAddress, rtp.LocalPort, sessionId);
        var invite = BuildAgentInvite(binding, sdp);
        var transaction = _services.Sip.SendRequest(invite, destination);
        var leg = new AgentLeg(extension, invite, transaction, rtp, destination)
        {
            SdpSessionId = sessionId,
            Purpose = purpose,
        };
        _agentLegs.Add(leg);
        _registry.AddAgentLeg(leg.CallId, this);
        EngageAgentOf(leg);
        _ = AwaitAgentAnswerAsync(leg);

        _log.Information(
            "Call {CallId}: ringing extension {Extension} at {Contact} ({Purpose})",
            CallId,
            extension,
            binding.Contact,
            purpose);
        return leg;
    }

    private async ValueTask DirectLegAnsweredAsync(AgentLeg leg, SipResponse? response)
    {
        if (leg.Purpose == AgentLegPurpose.Transfer)
        {
            await TransferTargetAnsweredAsync(leg, response).ConfigureAwait(false);
            return;
        }

        if (leg.Purpose == AgentLegPurpose.Consultation)
        {
            await ConsultationAnsweredAsync(leg, response).ConfigureAwait(false);
            return;
        }

        if (leg.Purpose == AgentLegPurpose.Conference)
        {
            await ConferenceAnsweredAsync(leg, response).ConfigureAwait(false);
            return;
        }

        var media = response is { StatusCode: < 300 }
            ? await AcknowledgeAsync(leg, response).ConfigureAwait(false)
            : null;
        if (media is null || _phase != CallPhase.Dialling || leg.State != AgentLegState.Ringing)
        {
            var dialling = _phase == CallPhase.Dialling && leg.State == AgentLegState.Ringing;
            await HangUpLegAsync(leg).ConfigureAwait(false);
            if (dialling)
            {
                _log.Information(
                    "Call {CallId}: extension {Extension} did not answer ({Status})",
                    CallId,
                    leg.AgentId,
                    response?.StatusCode ?? 408);
                await EndAsync(CallEnding.ByTheBox).ConfigureAwait(false);
            }

            return;
        }

        ConfigureRtp(leg.Rtp, media.Value);
        leg.State = AgentLegState.Connected;
        _connected = leg;
        _phase = CallPhase.Bridged;
        _callerRtp!.Source = null;
        _bridge = new MediaBridge(_callerRtp, leg.Rtp, _services.Clock, recorder: null);
        _log.Information("Call {CallId}: extension {Extension} answered", CallId, leg.AgentId);
        Publish(CallEventKind.Answered, leg.AgentId);
    }

    /// <summary>
    /// ACKs the 2xx of a leg (RFC 3261 §13.2.2.4) and reads its SDP answer; null when the answer
    /// is unusable, and the dialog then still exists (the caller sends BYE).
    /// </summary>
    private async ValueTask<NegotiatedMedia?> AcknowledgeAsync(AgentLeg leg, SipResponse ok)
    {
        var dialog = SipDialog.CreateUac(leg.Invite, ok, leg.Destination);
        leg.Dialog = dialog;
        leg.Ack = dialog.CreateAck(ok);
        await _services.Sip.Transport.SendAsync(leg.Ack, leg.Destination).ConfigureAwait(false);

        var answer = Encoding.UTF8.GetString(ok.Body.Span);
        if (SdpSession.TryParse(answer, out var session, out _)
            && SdpNegotiator.TryReadAnswer(session!, out var media, out _))
        {
            return media;
        }

        return null;
    }
}
