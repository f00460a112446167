using System.Globalization;
using System.Text;
using Appliance.Sip.Dialogs;
using Appliance.Sip.Messages;
using Appliance.Sip.SessionTimers;
using Appliance.Sip.Sdp;
using Appliance.Sip.Transactions;

namespace Appliance.Telephony.Calls;

/// <summary>
/// Session timers on the caller's dialog (RFC 4028), where the box is the UAS. An interval
/// below 90 s is refused 422 with Min-SE; an agreed one goes back in every 2xx with
/// <c>Require: timer</c> when the caller supports it. When the caller refreshes, a session it
/// forgets to refresh ends with our BYE; when the box refreshes, it sends UPDATE (or a
/// re-INVITE with the same offer if the caller does not allow UPDATE) at half the interval,
/// and waits the §14.1 back-off after a 491 before trying again.
/// </summary>
internal sealed partial class Call
{
    private SipSessionTerms? _sessionTerms;
    private SipSessionTimer? _sessionTimer;
        // Our refresh re-INVITE carries an offer; one from the caller that crosses it is glare.
    private bool _refreshOfferPending;

    /// <summary>
    /// Reads the session timer request of the caller's INVITE or of a refresh in its dialog.
    /// False when it was refused 422 (§6); the caller may try again with Min-SE.
    /// </summary>
    private async ValueTask<bool> AcceptSessionIntervalAsync(SipServerTransaction transaction)
    {
        var request = transaction.Request;
        if (request.CallId != CallId)
        {
            return true;
        }

        if (!SipSessionTimer.TryNegotiate(request, out var terms))
        {
            _log.Information(
                "Call {CallId}: {Method} asked for a session interval below {MinSeconds} s, answered 422",
                CallId,
                request.Method,
                (int)SipSessionTimer.MinimumInterval.TotalSeconds);
            await transaction.SendResponseAsync(SessionIntervalTooSmall(request)).ConfigureAwait(false);
            return false;
        }

        // §9: a refresh without Session-Expires keeps the session timer the dialog has.
        _sessionTerms = terms ?? _sessionTerms;
        return true;
    }

    /// <summary>RFC 4028 §6: the 422 names the smallest interval we accept in Min-SE.</summary>
    public static SipResponse SessionIntervalTooSmall(SipRequest request)
    {
        var tag = SipTransactionLayer.NewTag();
        var tooSmall = request.CreateResponse(422, "Session Interval Too Small", tag);
        tooSmall.Headers.Add(
            "Min-SE",
            ((int)SipSessionTimer.MinimumInterval.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        return tooSmall;
    }

    /// <summary>Puts the agreed terms into a 2xx to the caller (§9) and restarts the clock.</summary>
    private void AddSessionTimerHeaders(SipResponse ok, SipRequest request)
    {
        if (request.CallId != CallId || _sessionTerms is not { } terms)
        {
            return;
        }

        ok.Headers.Add("Session-Expires", terms.ToUasHeaderValue());
        if (terms.PeerSupportsTimer)
        {
            ok.Headers.Add("Require", "timer");
        }
    }

    /// <summary>The 2xx with the terms went out: the session's clock (re)starts now.</summary>
    private void RestartSessionTimer()
    {
        if (_sessionTerms is not { } terms || _phase == CallPhase.Ended)
        {
            return;
        }

        if (_sessionTimer is null)
        {
            _sessionTimer = new SipSessionTimer(
                _services.Time,
                terms,
                refreshDue: () => Post(SendSessionRefreshAsync),
                expired: () => Post(SessionExpiredAsync));
            _log.Debug(
                "Call {CallId}: session interval {IntervalSeconds} s, refreshed by {Refresher}",
                CallId,
                (int)terms.Interval.TotalSeconds,
                terms.LocalRefreshes ? "us" : "the caller");
            return;
        }

        _sessionTimer.Restart(terms);
    }

    private void StopSessionTimer()
    {
        _sessionTimer?.Dispose();
        _sessionTimer = null;
    }

    private async ValueTask SessionExpiredAsync()
    {
        if (_phase == CallPhase.Ended)
        {
            return;
        }

        _log.Warning("Call {CallId}: the caller did not refresh the session in time; hanging up", CallId);
        await EndAsync(CallEnding.Failed).ConfigureAwait(false);
    }

    /// <summary>§10: the refresher sends a refresh at half the interval.</summary>
    private ValueTask SendSessionRefreshAsync()
    {
        if (_phase == CallPhase.Ended || _callerDialog is null || _callerRtp is null
            || _sessionTerms is not { } terms)
        {
            return ValueTask.CompletedTask;
        }

        var allowsUpdate = _invite.Request.Headers.GetAll("Allow")
            .Any(m => string.Equals(m.Trim(), "UPDATE", StringComparison.OrdinalIgnoreCase));
        var method = allowsUpdate ? "UPDATE" : "INVITE";
        var refresh = _callerDialog.CreateRequest(method);
        refresh.Headers.Add("Contact", LocalContact());
        refresh.Headers.Add("Session-Expires", terms.ToUasHeaderValue());
        refresh.Headers.Add("Supported", "timer");
        if (!allowsUpdate)
        {
            var offer = SdpNegotiator.CreateOffer(
                _services.Options.AdvertisedAddress,
                _callerRtp.LocalPort,
                _sdpSessionId);
            offer.SessionVersion = NextSdpVersion();
            refresh.Headers.Add("Content-Type", "application/sdp");
            refresh.Body = Encoding.UTF8.GetBytes(offer.ToString());
        }

        _refreshOfferPending = !allowsUpdate;
        var transaction = _services.Sip.SendRequest(refresh, _callerDialog.RemoteEndPoint);
        _ = AwaitRefreshAsync(transaction);
        return ValueTask.CompletedTask;
    }

    private async Task AwaitRefreshAsync(SipClientTransaction transaction)
    {
        var response = await transaction.FinalResponse.ConfigureAwait(false);
        Post(() => RefreshAnsweredAsync(transaction.Request, response));
    }

    private async ValueTask RefreshAnsweredAsync(SipRequest refresh, SipResponse? response)
    {
        _refreshOfferPending = false;
        if (_phase == CallPhase.Ended || _callerDialog is null)
        {
            return;
        }

        if (response is { IsSuccess: true })
        {
            if (refresh.Method == "INVITE")
            {
                var ack = _callerDialog.CreateAck(response);
                await _services.Sip.SendAckAsync(ack, _callerDialog.RemoteEndPoint).ConfigureAwait(false);
                TakeRefreshAnswer(response);
            }

            _callerDialog.RefreshRemoteTarget(response);
            RestartSessionTimer();
            return;
        }

        if (response?.StatusCode == 491)
        {
            // RFC 3261 §14.1: the caller owns its Call-ID, so we wait 0 to 2 s before retrying.
            var wait = SipGlareBackoff.Next(ownsCallId: false);
            _log.Debug("Call {CallId}: session refresh met glare, retrying in {Wait}", CallId, wait);
            _ = RetryRefreshAfterAsync(wait);
            return;
        }

        if (response is null || response.StatusCode is 408 or 481)
        {
            // RFC 4028 §10: a refresh that times out or finds no dialog ends the session.
            _log.Warning(
                "Call {CallId}: session refresh failed ({Status}); hanging up",
                CallId,
                response?.StatusCode ?? 408);
            await EndAsync(CallEnding.Failed).ConfigureAwait(false);
            return;
        }

        // Any other refusal leaves the session as it was; the next refresh is due in half an interval.
        _log.Warning("Call {CallId}: session refresh refused {Status}", CallId, response.StatusCode);
        RestartSessionTimer();
    }

    private async Task RetryRefreshAfterAsync(TimeSpan wait)
    {
        await Task.Delay(wait, _services.Time).ConfigureAwait(false);
        Post(SendSessionRefreshAsync);
    }

    private void TakeRefreshAnswer(SipResponse ok)
    {
        var text = Encoding.UTF8.GetString(ok.Body.Span);
        if (_callerRtp is not null
            && SdpSession.TryParse(text, out var answer, out _)
            && SdpNegotiator.TryReadAnswer(answer, out var media, out _)
            && media.RemoteRtp.AddressFamily == _callerRtp.LocalEndPoint.AddressFamily)
        {
            ConfigureRtp(_callerRtp, media);
            ApplyPeerDirection(_callerRtp, answer);
        }
    }
}
