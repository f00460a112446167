using Appliance.CallCenter.Records;
using Appliance.Telephony.DialPlan;
using Appliance.Telephony.Events;

namespace Appliance.Telephony.Calls;

/// <summary>The end of a call: every leg closed, media released, the record written once.</summary>
internal sealed partial class Call
{
    private async ValueTask EndAsync(CallEnding ending)
    {
        if (_phase == CallPhase.Ended)
        {
            return;
        }

        var previous = _phase;
        _phase = CallPhase.Ended;
        StopDigitTimer();
        StopSessionTimer();
        _transferTimer?.Dispose();
        StopWaitingAnnouncements();
        EndCallbackAttempt(previous);
        if (previous == CallPhase.Voicemail)
        {
            FinishVoicemail();
        }

        // Tell the ACD first, so it stops offering this call before its legs go away.
        if (previous == CallPhase.Queued)
        {
            _services.Acd.Abandon(CallId);
        }
        else if (previous == CallPhase.Bridged && _connected?.Purpose == AgentLegPurpose.Offer)
        {
            _services.Acd.CallEnded(CallId, _connected.AgentId);
        }

        StopMediaWatch();
        NoteQuality();
        StopSupervision();
        _bridge?.Dispose();
        _bridge = null;
        StopEarlyMedia();
        EndConsultation();
        await CloseLegsAsync(ending).ConfigureAwait(false);

        if (ending != CallEnding.CallerHungUp && !_callerLeft
            && _callerDialog is not null && _callerOk is not null)
        {
            var bye = _callerDialog.CreateRequest("BYE");
            _ = _services.Sip.SendRequest(bye, _callerDialog.RemoteEndPoint);
        }

        if (_callerRtp is not null)
        {
            await _callerRtp.DisposeAsync().ConfigureAwait(false);
        }

        if (_target.Kind is not (DialPlanTargetKind.FeatureCode or DialPlanTargetKind.Extension)
            && !IsUnconfirmedCallback)
        {
            WriteRecord(previous, ending);
        }

        Publish(CallEventKind.Ended, _record.Agent);
        _registry.RemoveCall(CallId);
        CloseIfIdle();
    }

    private async ValueTask CloseLegsAsync(CallEnding ending)
    {
        foreach (var leg in _agentLegs.ToArray())
        {
            switch (leg.State)
            {
                case AgentLegState.Ringing:
                    // The leg stays until its final response (487, or a 2xx we then BYE).
                    await CancelLegAsync(leg).ConfigureAwait(false);
                    break;
                case AgentLegState.Connected when ending != CallEnding.AgentHungUp:
                    await HangUpLegAsync(leg).ConfigureAwait(false);
                    break;
                case AgentLegState.Connected:
                case AgentLegState.Ended:
                    await ReleaseLegAsync(leg).ConfigureAwait(false);
                    break;
            }
        }
    }

    private void WriteRecord(CallPhase previous, CallEnding ending)
    {
        if (_record.AnsweredUtc is not null)
        {
            _record.Disposition = CallDisposition.Answered;
        }
        else if (_record.Disposition is not (CallDisposition.NoAgent or CallDisposition.SelfService
            or CallDisposition.Voicemail or CallDisposition.Callback))
        {
            // A caller who leaves has abandoned; a call the box could not carry has failed.
            _record.Disposition = ending is CallEnding.CallerHungUp
                ? CallDisposition.Abandoned
                : CallDisposition.Failed;
        }

        _record.Complete(_services.Time.GetUtcNow());
        try
        {
            _services.Records.Write(_record);
        }
        catch (Exception ex)
        {
            _log.Error(ex, "Call {CallId}: its record could not be stored", CallId);
        }

        _log.Information(
            "Call {CallId} ended {Disposition} after {Phase}: waited {WaitSeconds} s, talked {TalkSeconds} s",
            CallId,
            _record.Disposition,
            previous,
            _record.WaitSeconds,
            _record.TalkSeconds);
    }

    /// <summary>Closes the mailbox once the call is over and no leg waits for a response.</summary>
    private void CloseIfIdle()
    {
        if (_phase == CallPhase.Ended && _agentLegs.Count == 0)
        {
            _mailbox.Close();
        }
    }
}
