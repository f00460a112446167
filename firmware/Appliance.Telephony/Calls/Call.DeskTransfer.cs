using Appliance.CallCenter.Records;
using Appliance.Media.Audio;
using Appliance.Media.Engine;
using Appliance.Sip.Messages;
using Appliance.Telephony.Events;

namespace Appliance.Telephony.Calls;

/// <summary>
/// Transfers commanded from the agent's desktop, without any SIP towards the agent's phone
/// beyond the final BYE. Blind to an extension: the box rings it and, once it answers, bridges
/// the caller to it and lets the agent go, as for a REFER but with no NOTIFY. Blind to a queue:
/// the agent is let go at once and the caller waits in that queue. Attended: the caller hears
/// the hold music while the box rings the extension and bridges it to the agent's leg; complete
/// joins caller and extension and lets the agent go, cancel gives the caller back to the agent.
/// </summary>
internal sealed partial class Call
{
    // True while the running transfer is the desktop's: the agent's phone gets no NOTIFY.
    private bool _transferByDesk;
    private AgentLeg? _consultation;
    private MediaBridge? _consultationBridge;

    /// <summary>
    /// Blind transfer of the bridged caller to a queue or an extension; <paramref name="done"/>
    /// gets the outcome once the transfer has started.
    /// </summary>
    internal void TransferFromDesk(string target, Action<DeskCallOutcome> done) => Post(async () =>
    {
        var refusal = DeskRefusal();
        if (refusal is { } refused)
        {
            done(refused);
            return;
        }

        if (_services.Queues(target) is not null)
        {
            await TransferToQueueAsync(target).ConfigureAwait(false);
            done(DeskCallOutcome.Done);
            return;
        }

        if (!IsOtherExtension(target))
        {
            done(DeskCallOutcome.UnknownTarget);
            return;
        }

        _transferor = _connected;
        _transferByDesk = true;
        if (TryRingDirect(target, AgentLegPurpose.Transfer) is null)
        {
            _transferor = null;
            done(DeskCallOutcome.Unavailable);
            return;
        }

        _log.Information(
            "Call {CallId}: agent {Agent} transfers the caller to {Extension} from the desktop",
            CallId,
            _connected!.AgentId,
            target);
        done(DeskCallOutcome.Done);
    });

    /// <summary>
    /// Starts an attended transfer: the caller hears the hold music and the extension is rung
    /// for the agent to talk to first.
    /// </summary>
    internal void ConsultFromDesk(string extension, Action<DeskCallOutcome> done) => Post(() =>
    {
        var refusal = DeskRefusal();
        if (refusal is { } refused)
        {
            done(refused);
            return;
        }

        if (!IsOtherExtension(extension))
        {
            done(DeskCallOutcome.UnknownTarget);
            return;
        }

        var leg = TryRingDirect(extension, AgentLegPurpose.Consultation);
        if (leg is null)
        {
            done(DeskCallOutcome.Unavailable);
            return;
        }

        // The agent leaves the caller for the consultation: the recording ends here.
        _consultation = leg;
        StopSupervision();
        _bridge?.Dispose();
        _bridge = null;
        _connected!.Rtp.Source = null;
        PlayConsultationMusic();
        _log.Information(
            "Call {CallId}: agent {Agent} consults {Extension}; the caller is on hold",
            CallId,
            _connected.AgentId,
            extension);
        done(DeskCallOutcome.Done);
    });

    /// <summary>Completes the attended transfer: caller and consulted extension talk, the agent goes.</summary>
    internal void CompleteConsultationFromDesk(Action<DeskCallOutcome> done) => Post(async () =>
    {
        if (_phase != CallPhase.Bridged || _connected is null)
        {
            done(DeskCallOutcome.NotBridged);
            return;
        }

        if (_consultation is not { State: AgentLegState.Connected } leg)
        {
            done(DeskCallOutcome.NoConsultation);
            return;
        }

        _consultationBridge?.Dispose();
        _consultationBridge = null;
        _consultation = null;
        _transferor = _connected;
        _transferByDesk = true;
        await CompleteTransferAsync(leg, CallTransferKind.Attended).ConfigureAwait(false);
        done(DeskCallOutcome.Done);
    });

    /// <summary>Ends the consultation (ringing or answered) and gives the caller back to the agent.</summary>
    internal void CancelConsultationFromDesk(Action<DeskCallOutcome> done) => Post(async () =>
    {
        if (_phase != CallPhase.Bridged || _connected is null)
        {
            done(DeskCallOutcome.NotBridged);
            return;
        }

        if (_consultation is not { } leg)
        {
            done(DeskCallOutcome.NoConsultation);
            return;
        }

        _log.Information(
            "Call {CallId}: agent {Agent} ends the consultation with {Extension}",
            CallId,
            _connected.AgentId,
            leg.AgentId);
        await DropConsultationAsync().ConfigureAwait(false);
        done(DeskCallOutcome.Done);
    });

    /// <summary>Why a desktop command cannot start now, or null when it can.</summary>
    private DeskCallOutcome? DeskRefusal()
    {
        if (_phase != CallPhase.Bridged || _connected is null)
        {
            return DeskCallOutcome.NotBridged;
        }

        if (_transferor is not null || _consultation is not null || _deskHolds || InConference)
        {
            return DeskCallOutcome.Busy;
        }

        return null;
    }

    private bool IsOtherExtension(string extension) =>
        extension.Length > 0
        && extension != _connected?.AgentId
        && _services.Registrar.Lookup(extension).Count > 0;

    /// <summary>
    /// Blind to a queue: the agent is let go now and the caller waits in the queue like a new
    /// arrival (hold music, announcements), keeping its record; the next agent's answer is the
    /// record's answer.
    /// </summary>
    private async ValueTask TransferToQueueAsync(string queue)
    {
        var agent = _connected!;
        StopSupervision();
        _bridge?.Dispose();
        _bridge = null;
        _connected = null;
        if (agent.Purpose == AgentLegPurpose.Offer)
        {
            _services.Acd.CallEnded(CallId, agent.AgentId);
        }

        _record.TransferredTo = queue;
        _record.TransferredUtc = _services.Time.GetUtcNow();
        _record.TransferKind = CallTransferKind.Blind;
        _log.Information(
            "Call {CallId} transferred (Blind) by agent {Agent} to queue {Queue} from the desktop",
            CallId,
            agent.AgentId,
            queue);
        await HangUpLegAsync(agent).ConfigureAwait(false);
        EnterQueue(queue);
    }

    private void PlayConsultationMusic()
    {
        var prompt = _record.Queue is { } queue ? _services.Queues(queue)?.HoldPrompt : null;
        if (prompt is null)
        {
            _callerRtp!.Source = null;
            return;
        }

        var player = new PromptPlayer { Loop = true };
        player.Enqueue(PromptSamples(prompt));
        _callerRtp!.Source = player;
    }

    /// <summary>The consulted extension answered (or did not): bridge it to the agent's leg.</summary>
    private async ValueTask ConsultationAnsweredAsync(AgentLeg leg, SipResponse? response)
    {
        var media = response is { StatusCode: < 300 }
            ? await AcknowledgeAsync(leg, response).ConfigureAwait(false)
            : null;
        if (media is null || leg != _consultation || leg.State != AgentLegState.Ringing
            || _phase != CallPhase.Bridged || _connected is null)
        {
            var wasConsulting = leg == _consultation;
            _log.Information(
                "Call {CallId}: consulted extension {Extension} did not answer ({Status})",
                CallId,
                leg.AgentId,
                response?.StatusCode ?? 408);
            await HangUpLegAsync(leg).ConfigureAwait(false);
            if (wasConsulting)
            {
                _consultation = null;
                RebridgeAfterConsultation();
            }

            return;
        }

        ConfigureRtp(leg.Rtp, media.Value);
        leg.State = AgentLegState.Connected;
        _consultationBridge = new MediaBridge(_connected.Rtp, leg.Rtp, _services.Clock, recorder: null);
        _log.Information(
            "Call {CallId}: agent {Agent} talks to consulted extension {Extension}",
            CallId,
            _connected.AgentId,
            leg.AgentId);
    }

    /// <summary>
    /// A BYE from a leg the desktop's transfers care about: the consulted extension (the caller
    /// goes back to the agent), or the agent during an answered consultation, which completes
    /// the transfer as a phone's hang-up does.
    /// </summary>
    /// <returns>True when the BYE was handled here.</returns>
    private async ValueTask<bool> DeskLegLeftAsync(AgentLeg leg)
    {
        if (await ConferenceLegLeftAsync(leg).ConfigureAwait(false))
        {
            return true;
        }

        if (leg == _consultation && leg.State == AgentLegState.Connected)
        {
            await ConsultationLeftAsync(leg).ConfigureAwait(false);
            return true;
        }

        if (leg != _connected || _consultation is not { State: AgentLegState.Connected } target)
        {
            return false;
        }

        _log.Information(
            "Call {CallId}: agent {Agent} hung up during the consultation; the caller goes to {Extension}",
            CallId,
            leg.AgentId,
            target.AgentId);
        if (leg.Purpose == AgentLegPurpose.Offer)
        {
            _services.Acd.CallEnded(CallId, leg.AgentId);
        }

        leg.State = AgentLegState.Ended;
        _consultationBridge?.Dispose();
        _consultationBridge = null;
        _consultation = null;
        _transferor = leg;
        _transferByDesk = true;
        await CompleteTransferAsync(target, CallTransferKind.Attended).ConfigureAwait(false);
        await ReleaseLegAsync(leg).ConfigureAwait(false);
        return true;
    }

    /// <summary>The consulted extension hung up: the caller is the agent's again.</summary>
    private async ValueTask ConsultationLeftAsync(AgentLeg leg)
    {
        _log.Information("Call {CallId}: consulted extension {Extension} hung up", CallId, leg.AgentId);
        _consultationBridge?.Dispose();
        _consultationBridge = null;
        _consultation = null;
        await ReleaseLegAsync(leg).ConfigureAwait(false);
        RebridgeAfterConsultation();
    }

    private async ValueTask DropConsultationAsync()
    {
        var leg = _consultation!;
        _consultation = null;
        _consultationBridge?.Dispose();
        _consultationBridge = null;
        if (leg.State == AgentLegState.Ringing)
        {
            // The leg stays until its final response; ConsultationAnsweredAsync closes it then.
            await CancelLegAsync(leg).ConfigureAwait(false);
        }
        else
        {
            await HangUpLegAsync(leg).ConfigureAwait(false);
        }

        RebridgeAfterConsultation();
    }

    private void RebridgeAfterConsultation()
    {
        if (_phase != CallPhase.Bridged || _connected is null || _callerRtp is null)
        {
            return;
        }

        _callerRtp.Source = null;
        _bridge = new MediaBridge(_callerRtp, _connected.Rtp, _services.Clock, recorder: null);
        Publish(CallEventKind.Answered, _connected.AgentId);
    }

    /// <summary>At the end of the call: the consultation's own bridge goes with it.</summary>
    private void EndConsultation()
    {
        _consultationBridge?.Dispose();
        _consultationBridge = null;
        _consultation = null;
    }
}
