using System.Text;
using Appliance.Sip.Dialogs;
using Appliance.Sip.Sdp;
using Appliance.Sip.Transactions;

namespace Appliance.Telephony.Calls;

/// <summary>
/// Re-INVITEs inside either dialog of the call (RFC 3261 §14.2): a new offer moves that leg's
/// media (a phone that changed address or codec) and is answered; hold and resume offers are
/// answered with the mirrored direction.
/// </summary>
internal sealed partial class Call
{
    private ulong _sdpSessionId;
    private ulong _sdpVersion;

    /// <summary>A re-INVITE arrived in the caller's dialog or in a connected agent's dialog.</summary>
    public void ReInviteReceived(SipServerTransaction reInvite) =>
        Post(() => AnswerReInviteAsync(reInvite));

    private async ValueTask AnswerReInviteAsync(SipServerTransaction reInvite)
    {
        var request = reInvite.Request;
        var leg = request.CallId == CallId ? null : ConnectedLeg(request.CallId);
        var rtp = request.CallId == CallId ? _callerRtp : leg?.Rtp;
        var sessionId = leg?.SdpSessionId ?? _sdpSessionId;
        if (_phase == CallPhase.Ended || _callerOk is null || rtp is null)
        {
            var gone = request.CreateResponse(481, "Call/Transaction Does Not Exist");
            await reInvite.SendResponseAsync(gone).ConfigureAwait(false);
            return;
        }

        if (!await AcceptInDialogAsync(reInvite).ConfigureAwait(false))
        {
            return;
        }

        // §12.2.2: a re-INVITE is a target refresh; later requests go to its Contact.
        DialogOf(request.CallId)?.RefreshRemoteTarget(request);

        // Without an offer the phone wants ours (§14.2); ours has not changed, so it is the
        // session we answered with, and the phone's answer in the ACK keeps its media as it is.
        if (request.Body.IsEmpty)
        {
            var address = _services.Options.AdvertisedAddress;
            var again = SdpNegotiator.CreateOffer(address, rtp.LocalPort, sessionId);
            again.SessionVersion = NextSdpVersion();
            await SendReInviteOkAsync(reInvite, again).ConfigureAwait(false);
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
            _log.Warning("Call {CallId}: re-INVITE offer refused, session unchanged", CallId);
            await reInvite.SendResponseAsync(request.CreateResponse(488, "Not Acceptable Here"))
                .ConfigureAwait(false);
            return;
        }

        answer!.SessionId = sessionId;
        ConfigureRtp(rtp, media);
        _log.Information(
            "Call {CallId}: re-INVITE moved media of {Leg} to {RemoteRtp} ({Codec})",
            CallId,
            ReferenceEquals(rtp, _callerRtp) ? "caller" : "agent",
            media.RemoteRtp,
            media.Codec);
        await SendReInviteOkAsync(reInvite, answer!).ConfigureAwait(false);
    }

    private async ValueTask SendReInviteOkAsync(SipServerTransaction reInvite, SdpSession sdp)
    {
        var ok = reInvite.Request.CreateResponse(200, "OK");
        ok.Headers.Add("Contact", LocalContact());
        ok.Headers.Add("Allow", SipMethods.Allowed);
        ok.Headers.Add("Content-Type", "application/sdp");
        ok.Body = Encoding.UTF8.GetBytes(sdp.ToString());
        await reInvite.SendResponseAsync(ok).ConfigureAwait(false);
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
