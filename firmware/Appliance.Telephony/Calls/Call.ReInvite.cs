using System.Text;
using Appliance.Media.Engine;
using Appliance.Sip.Dialogs;
using Appliance.Sip.Messages;
using Appliance.Sip.Sdp;
using Appliance.Sip.Transactions;

namespace Appliance.Telephony.Calls;

/// <summary>
/// Offers inside either dialog of the call: re-INVITE (RFC 3261 §14.2) and UPDATE (RFC 3311).
/// A new offer moves that leg's media (a phone that changed address or codec) or holds and
/// resumes it, and is answered with the mirrored direction. A re-INVITE without an offer gets
/// ours in the 200 and its answer comes in the ACK; an UPDATE without a body only refreshes
/// the session. An offer that crosses one of ours still unanswered is refused 491 (glare).
/// </summary>
internal sealed partial class Call
{
    // Call-IDs of the dialogs where our offer went out in a 2xx and the answer is due in the ACK.
    private readonly HashSet<string> _offersAwaitingAck = new(StringComparer.Ordinal);
    private ulong _sdpSessionId;
    private ulong _sdpVersion;

    /// <summary>A re-INVITE arrived in the caller's dialog or in a connected agent's dialog.</summary>
    public void ReInviteReceived(SipServerTransaction reInvite) =>
        Post(() => AnswerOfferAsync(reInvite));

    /// <summary>An UPDATE (RFC 3311) arrived in the caller's dialog or a connected agent's dialog.</summary>
    public void UpdateReceived(SipServerTransaction update) =>
        Post(() => AnswerOfferAsync(update));

    private async ValueTask AnswerOfferAsync(SipServerTransaction transaction)
    {
        var request = transaction.Request;
        var isUpdate = request.Method == "UPDATE";
        var leg = request.CallId == CallId ? null : ConnectedLeg(request.CallId);
        var rtp = request.CallId == CallId ? _callerRtp : leg?.Rtp;
        var sessionId = leg?.SdpSessionId ?? _sdpSessionId;
        if (_phase == CallPhase.Ended || _callerOk is null || rtp is null)
        {
            var gone = request.CreateResponse(481, "Call/Transaction Does Not Exist");
            await transaction.SendResponseAsync(gone).ConfigureAwait(false);
            return;
        }

        if (!await AcceptInDialogAsync(transaction).ConfigureAwait(false)
            || !await AcceptSessionIntervalAsync(transaction).ConfigureAwait(false))
        {
            return;
        }

        // RFC 3261 §14.2 and RFC 3311 §5.2: an offer while ours waits for its answer is glare.
        var offers = !request.Body.IsEmpty || !isUpdate;
        var ourOfferPending = _offersAwaitingAck.Contains(request.CallId!)
            || (_refreshOfferPending && request.CallId == CallId);
        if (offers && ourOfferPending)
        {
            _log.Information(
                "Call {CallId}: {Method} crossed our pending offer, answered 491",
                CallId,
                request.Method);
            var pending = request.CreateResponse(491, "Request Pending");
            await transaction.SendResponseAsync(pending).ConfigureAwait(false);
            return;
        }

        // §12.2.2: re-INVITE and UPDATE are target refresh requests.
        DialogOf(request.CallId)?.RefreshRemoteTarget(request);

        if (request.Body.IsEmpty)
        {
            await AnswerWithoutOfferAsync(transaction, rtp, sessionId).ConfigureAwait(false);
            return;
        }

        var text = Encoding.UTF8.GetString(request.Body.Span);
        if (!SdpSession.TryParse(text, out var offer, out _)
            || !SdpNegotiator.TryAnswer(
                offer!,
                _services.Options.AdvertisedAddress,
                rtp.LocalPort,
                NextSdpVersion(),
                out var answer,
                out var media,
                out _)
            || media.RemoteRtp.AddressFamily != rtp.LocalEndPoint.AddressFamily)
        {
            // §14.2: a refused re-INVITE leaves the session as it was.
            _log.Warning("Call {CallId}: {Method} offer refused, session unchanged", CallId, request.Method);
            await transaction.SendResponseAsync(request.CreateResponse(488, "Not Acceptable Here"))
                .ConfigureAwait(false);
            return;
        }

        answer!.SessionId = sessionId;
        ConfigureRtp(rtp, media);
        ApplyPeerDirection(rtp, offer!);
        _log.Information(
            "Call {CallId}: {Method} moved media of {Leg} to {RemoteRtp} ({Codec})",
            CallId,
            request.Method,
            ReferenceEquals(rtp, _callerRtp) ? "caller" : "agent",
            media.RemoteRtp,
            media.Codec);
        await SendOkWithSdpAsync(transaction, answer!).ConfigureAwait(false);
    }

    /// <summary>
    /// An UPDATE without a body refreshes the session (RFC 3311 §5.2, RFC 4028) and is answered
    /// without one; a re-INVITE without an offer wants ours (§14.2), and its answer comes in
    /// the ACK (<see cref="TakeAnswerFromAckAsync"/>).
    /// </summary>
    private async ValueTask AnswerWithoutOfferAsync(
        SipServerTransaction transaction,
        RtpEndpoint rtp,
        ulong sessionId)
    {
        var request = transaction.Request;
        if (request.Method == "UPDATE")
        {
            var ok = request.CreateResponse(200, "OK");
            ok.Headers.Add("Contact", LocalContact());
            AddSessionTimerHeaders(ok, request);
            await transaction.SendResponseAsync(ok).ConfigureAwait(false);
            RestartSessionTimerFor(request);
            return;
        }

        var offer = SdpNegotiator.CreateOffer(_services.Options.AdvertisedAddress, rtp.LocalPort, sessionId);
        offer.SessionVersion = NextSdpVersion();
        _offersAwaitingAck.Add(request.CallId!);
        await SendOkWithSdpAsync(transaction, offer).ConfigureAwait(false);
    }

    /// <summary>
    /// The ACK of a 2xx in one of the call's dialogs. When our offer went out in that 2xx the
    /// ACK carries the answer (RFC 3264 §4); without a usable one the session cannot go on
    /// and the call ends (RFC 3261 §13.3.1.4 lets the UAS send BYE). Returns false then.
    /// </summary>
    private async ValueTask<bool> TakeAnswerFromAckAsync(SipRequest ack)
    {
        if (ack.CallId is not { } callId || !_offersAwaitingAck.Remove(callId))
        {
            return true;
        }

        var rtp = callId == CallId ? _callerRtp : ConnectedLeg(callId)?.Rtp;
        var text = Encoding.UTF8.GetString(ack.Body.Span);
        NegotiatedMedia media = default;
        SdpSession? answer = null;
        var usable = rtp is not null
            && SdpSession.TryParse(text, out answer, out _)
            && SdpNegotiator.TryReadAnswer(answer, out media, out _)
            && media.RemoteRtp.AddressFamily == rtp.LocalEndPoint.AddressFamily;
        if (!usable)
        {
            _log.Warning(
                "Call {CallId}: the ACK carried no usable answer to our offer; ending the call",
                CallId);
            await EndAsync(CallEnding.Failed).ConfigureAwait(false);
            return false;
        }

        ConfigureRtp(rtp!, media);
        ApplyPeerDirection(rtp!, answer!);
        _log.Information(
            "Call {CallId}: answer in the ACK sends media to {RemoteRtp} ({Codec})",
            CallId,
            media.RemoteRtp,
            media.Codec);
        return true;
    }

    private async ValueTask SendOkWithSdpAsync(SipServerTransaction transaction, SdpSession sdp)
    {
        var ok = transaction.Request.CreateResponse(200, "OK");
        ok.Headers.Add("Contact", LocalContact());
        ok.Headers.Add("Allow", SipMethods.Allowed);
        AddSessionTimerHeaders(ok, transaction.Request);
        ok.Headers.Add("Content-Type", "application/sdp");
        ok.Body = Encoding.UTF8.GetBytes(sdp.ToString());
        await transaction.SendResponseAsync(ok).ConfigureAwait(false);
        RestartSessionTimerFor(transaction.Request);
    }

    /// <summary>RFC 4028 §10: a 2xx to a re-INVITE or UPDATE in the caller's dialog is a refresh.</summary>
    private void RestartSessionTimerFor(SipRequest request)
    {
        if (request.CallId == CallId)
        {
            RestartSessionTimer();
        }
    }

    /// <summary>RFC 4566 §5.2: a changed session description carries a higher version.</summary>
    private ulong NextSdpVersion()
    {
        var now = (ulong)_services.Time.GetUtcNow().ToUnixTimeMilliseconds();
        _sdpVersion = Math.Max(now, _sdpVersion + 1);
        return _sdpVersion;
    }

    /// <summary>The dialog a request from a peer belongs to: the caller's or an agent leg's.</summary>
    private SipDialog? DialogOf(string? callId) =>
        callId == CallId ? _callerDialog : FindLeg(callId)?.Dialog;

    /// <summary>
    /// RFC 3261 §12.2.2: a request that goes back in CSeq is answered 500 and changes nothing.
    /// Returns false when it was refused.
    /// </summary>
    private async ValueTask<bool> AcceptInDialogAsync(SipServerTransaction transaction)
    {
        var dialog = DialogOf(transaction.Request.CallId);
        if (dialog is null || dialog.TryAcceptRemoteCSeq(transaction.Request))
        {
            return true;
        }

        _log.Warning(
            "Call {CallId}: {Method} with CSeq {CSeq} below the dialog's {RemoteCSeq} refused",
            CallId,
            transaction.Request.Method,
            transaction.Request.CSeq?.Number,
            dialog.RemoteCSeq);
        var refused = transaction.Request.CreateResponse(500, "Server Internal Error");
        refused.Headers.Add("Retry-After", "1");
        await transaction.SendResponseAsync(refused).ConfigureAwait(false);
        return false;
    }

    private AgentLeg? ConnectedLeg(string? callId)
    {
        var leg = FindLeg(callId);
        return leg?.State == AgentLegState.Connected ? leg : null;
    }
}
