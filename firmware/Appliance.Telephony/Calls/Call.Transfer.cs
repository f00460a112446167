using Appliance.CallCenter.Records;
using Appliance.Media.Engine;
using Appliance.Sip.Messages;
using Appliance.Sip.Transactions;
using Appliance.Sip.Transfer;
using Appliance.Telephony.Events;

namespace Appliance.Telephony.Calls;

/// <summary>
/// Transfer by the bridged agent's phone (RFC 3515): a REFER in the agent's dialog is accepted
/// 202 and followed by NOTIFYs carrying the progress as sipfrag. Blind: the box rings the
/// Refer-To extension and, once it answers, bridges the caller to it. Attended: the Refer-To
/// carries a Replaces naming the agent's consultation call to that extension (RFC 3891), whose
/// answered leg moves into this call. Either way the caller stays with the first agent until
/// the new leg is up; then the first agent gets NOTIFY 200 and BYE.
/// </summary>
internal sealed partial class Call
{
    private AgentLeg? _transferor;

    /// <summary>A REFER in the caller's dialog or an agent's.</summary>
    public void ReferReceived(SipServerTransaction refer) => Post(() => AnswerReferAsync(refer));

    /// <summary>The consultation call named by a Replaces gave up its leg, or null when it could not.</summary>
    public void ConsultationHandedOver(AgentLeg? leg) => Post(async () =>
    {
        if (leg is null)
        {
            await FailTransferAsync(481, "Call/Transaction Does Not Exist").ConfigureAwait(false);
            return;
        }

        _agentLegs.Add(leg);
        if (_phase == CallPhase.Ended || _transferor is null)
        {
            await HangUpLegAsync(leg).ConfigureAwait(false);
            return;
        }

        await CompleteTransferAsync(leg, CallTransferKind.Attended).ConfigureAwait(false);
    });

    private async ValueTask AnswerReferAsync(SipServerTransaction refer)
    {
        var request = refer.Request;
        var leg = FindLeg(request.CallId);
        if (_phase == CallPhase.Ended || (request.CallId != CallId && leg?.Dialog is null))
        {
            await AnswerAsync(refer, 481, "Call/Transaction Does Not Exist").ConfigureAwait(false);
            return;
        }

        if (!await AcceptInDialogAsync(refer).ConfigureAwait(false))
        {
            return;
        }

        // Only the agent talking to the caller may pass the caller on; a REFER from the caller's
        // side (a carrier) would take the call away from the agents.
        if (leg is null || leg != _connected || _phase != CallPhase.Bridged)
        {
            _log.Warning("Call {CallId}: REFER from a leg that is not the bridged agent declined", CallId);
            await AnswerAsync(refer, 603, "Decline").ConfigureAwait(false);
            return;
        }

        if (_transferor is not null || InConference)
        {
            await AnswerAsync(refer, 491, "Request Pending").ConfigureAwait(false);
            return;
        }

        // RFC 3515 §2.4.1: a REFER without exactly one readable Refer-To is answered 400.
        if (!SipReferTarget.TryRead(request, out var target, out var reason))
        {
            _log.Warning("Call {CallId}: REFER refused: {Reason}", CallId, reason);
            await AnswerAsync(refer, 400, reason).ConfigureAwait(false);
            return;
        }

        if (target.Replaces is { } replaces)
        {
            await StartAttendedTransferAsync(refer, leg, replaces).ConfigureAwait(false);
            return;
        }

        await StartBlindTransferAsync(refer, leg, target).ConfigureAwait(false);
    }

    private async ValueTask StartBlindTransferAsync(SipServerTransaction refer, AgentLeg leg, SipReferTarget target)
    {
        var extension = target.Uri.DecodedUser;
        if (string.IsNullOrEmpty(extension) || extension == leg.AgentId
            || _services.Registrar.Lookup(extension).Count == 0)
        {
            _log.Information(
                "Call {CallId}: agent {Agent} asked to transfer to {Target}, which is not a registered extension",
                CallId,
                leg.AgentId,
                target.Uri);
            await AnswerAsync(refer, 404, "Not Found").ConfigureAwait(false);
            return;
        }

        await AcceptReferAsync(refer, leg).ConfigureAwait(false);
        _log.Information(
            "Call {CallId}: agent {Agent} transfers the caller to {Extension}",
            CallId,
            leg.AgentId,
            extension);
        if (TryRingDirect(extension, AgentLegPurpose.Transfer) is null)
        {
            await FailTransferAsync(503, "Service Unavailable").ConfigureAwait(false);
        }
    }

    private async ValueTask StartAttendedTransferAsync(SipServerTransaction refer, AgentLeg leg, SipReplaces replaces)
    {
        var consultation = _registry.FindByCaller(replaces.CallId);
        if (consultation is null || consultation == this)
        {
            _log.Information(
                "Call {CallId}: agent {Agent} asked to replace call {Replaced}, which is not in progress",
                CallId,
                leg.AgentId,
                replaces.CallId);
            await AnswerAsync(refer, 481, "Call/Transaction Does Not Exist").ConfigureAwait(false);
            return;
        }

        await AcceptReferAsync(refer, leg).ConfigureAwait(false);
        _log.Information(
            "Call {CallId}: agent {Agent} transfers the caller into consultation call {Replaced}",
            CallId,
            leg.AgentId,
            replaces.CallId);
        consultation.HandOverConsultation(replaces, this);
    }

    /// <summary>RFC 3515 §2.4.2 and §2.4.5: 202, then a first NOTIFY saying the request is tried.</summary>
    private async ValueTask AcceptReferAsync(SipServerTransaction refer, AgentLeg leg)
    {
        _transferor = leg;
        _transferByDesk = false;
        var accepted = refer.Request.CreateResponse(202, "Accepted");
        accepted.Headers.Add("Contact", LocalContact());
        await refer.SendResponseAsync(accepted).ConfigureAwait(false);
        NotifyTransferor(100, "Trying");
    }

    private async ValueTask TransferTargetAnsweredAsync(AgentLeg leg, SipResponse? response)
    {
        if (response is null || response.StatusCode >= 300)
        {
            await ReleaseLegAsync(leg).ConfigureAwait(false);
            _log.Information(
                "Call {CallId}: transfer to {Extension} failed ({Status})",
                CallId,
                leg.AgentId,
                response?.StatusCode ?? 408);
            await FailTransferAsync(response?.StatusCode ?? 408, response?.ReasonPhrase ?? "Request Timeout")
                .ConfigureAwait(false);
            return;
        }

        var media = await AcknowledgeAsync(leg, response).ConfigureAwait(false);
        if (media is null || _phase == CallPhase.Ended || _transferor is null || leg.State != AgentLegState.Ringing)
        {
            await HangUpLegAsync(leg).ConfigureAwait(false);
            await FailTransferAsync(488, "Not Acceptable Here").ConfigureAwait(false);
            return;
        }

        ConfigureRtp(leg.Rtp, media.Value);
        await CompleteTransferAsync(leg, CallTransferKind.Blind).ConfigureAwait(false);
    }

    /// <summary>The new leg is up: bridge the caller to it, then let the first agent go.</summary>
    private async ValueTask CompleteTransferAsync(AgentLeg leg, CallTransferKind kind)
    {
        var transferor = _transferor!;
        StopSupervision();
        _bridge?.Dispose();
        leg.State = AgentLegState.Connected;
        _connected = leg;
        _phase = CallPhase.Bridged;
        _bridge = new MediaBridge(_callerRtp!, leg.Rtp, _services.Clock, recorder: null);

        _record.TransferredTo = leg.AgentId;
        _record.TransferredUtc = _services.Time.GetUtcNow();
        _record.TransferKind = kind;
        if (transferor.Purpose == AgentLegPurpose.Offer && transferor.State == AgentLegState.Connected)
        {
            _services.Acd.CallEnded(CallId, transferor.AgentId);
        }

        _log.Information(
            "Call {CallId} transferred ({Kind}) by agent {Agent} to {Extension}",
            CallId,
            kind,
            transferor.AgentId,
            leg.AgentId);
        Publish(CallEventKind.Answered, leg.AgentId);

        NotifyTransferor(200, "OK");
        _transferor = null;
        if (transferor.State == AgentLegState.Connected)
        {
            await HangUpLegAsync(transferor).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The transfer did not happen: the final NOTIFY says why and the caller stays with the first
    /// agent, or, when that agent has already hung up, the call ends.
    /// </summary>
    private async ValueTask FailTransferAsync(int statusCode, string reason)
    {
        if (_transferor is null)
        {
            return;
        }

        NotifyTransferor(statusCode, reason);
        _transferor = null;
        if (_connected is null && _phase == CallPhase.Bridged)
        {
            await EndAsync(CallEnding.ByTheBox).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The transferring agent hung up before the target answered, as many phones do right after
    /// the 202: that agent is free, and the caller waits in silence for the target.
    /// </summary>
    private async ValueTask TransferorLeftAsync(AgentLeg leg)
    {
        _log.Information("Call {CallId}: agent {Agent} hung up during the transfer", CallId, leg.AgentId);
        StopSupervision();
        _bridge?.Dispose();
        _bridge = null;
        _callerRtp!.Source = null;
        if (leg.Purpose == AgentLegPurpose.Offer)
        {
            _services.Acd.CallEnded(CallId, leg.AgentId);
        }

        _connected = null;
        await ReleaseLegAsync(leg).ConfigureAwait(false);
    }

    private void NotifyTransferor(int statusCode, string reason)
    {
        var dialog = _transferor?.Dialog;
        if (dialog is null || _transferByDesk || _transferor!.State != AgentLegState.Connected)
        {
            return;
        }

        var notify = SipReferNotify.Create(dialog, statusCode, reason);
        notify.Headers.Add("Contact", LocalContact());
        _ = _services.Sip.SendRequest(notify, dialog.RemoteEndPoint);
    }

    private static ValueTask AnswerAsync(SipServerTransaction transaction, int statusCode, string reason) =>
        transaction.SendResponseAsync(transaction.Request.CreateResponse(statusCode, reason));
}
