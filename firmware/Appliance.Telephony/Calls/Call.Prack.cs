using Appliance.Sip.Messages;
using Appliance.Sip.Transactions;

namespace Appliance.Telephony.Calls;

/// <summary>
/// Reliable provisionals towards the caller (RFC 3262): a caller that requires 100rel gets its
/// 180 reliably and the 200 only once the 180's PRACK came; one that merely supports it is
/// answered as any other caller, with an unreliable 180 and the 200 at once.
/// </summary>
internal sealed partial class Call
{
    private SipReliableProvisional? _reliable;
    private SipResponse? _okAfterPrack;

    /// <summary>A PRACK arrived in the caller's early dialog.</summary>
    public void PrackReceived(SipServerTransaction prack) => Post(() => AnswerPrackAsync(prack));

    /// <summary>
    /// RFC 3262 §3: the 180 goes out with Require: 100rel and an RSeq; the prepared 200 waits
    /// for its PRACK (<see cref="AnswerPrackAsync"/>).
    /// </summary>
    private async ValueTask SendRingingReliablyAsync(SipResponse ringing, SipResponse ok)
    {
        _reliable = new SipReliableProvisional(_invite);
        _reliable.Expired += () => Post(ReliableProvisionalExpiredAsync);
        _okAfterPrack = ok;
        ringing.Headers.Add("Contact", LocalContact());
        await _reliable.SendAsync(ringing).ConfigureAwait(false);
        _log.Debug("Call {CallId}: 180 sent reliably, the 200 waits for its PRACK", CallId);
    }

    private async ValueTask AnswerPrackAsync(SipServerTransaction prack)
    {
        var request = prack.Request;
        if (_reliable is null || _phase == CallPhase.Ended || !_reliable.TryAcknowledge(request))
        {
            // §7.2: a PRACK that matches no outstanding reliable provisional gets 481.
            var unknown = request.CreateResponse(481, "Call/Transaction Does Not Exist");
            await prack.SendResponseAsync(unknown).ConfigureAwait(false);
            return;
        }

        await prack.SendResponseAsync(request.CreateResponse(200, "OK")).ConfigureAwait(false);

        var ok = _okAfterPrack;
        _okAfterPrack = null;
        if (ok is null)
        {
            return;
        }

        if (Volatile.Read(ref _cancelRequested))
        {
            await CancelAnswerAsync().ConfigureAwait(false);
            return;
        }

        await SendCallerFinalOkAsync(ok).ConfigureAwait(false);
        _callerDialog?.TryAcceptRemoteCSeq(request);
        _log.Information("Call {CallId} answered after the caller acknowledged our 180", CallId);
    }

    /// <summary>RFC 3262 §3: a reliable provisional never acknowledged ends the INVITE with a 5xx.</summary>
    private async ValueTask ReliableProvisionalExpiredAsync()
    {
        if (_phase == CallPhase.Ended || _callerOk is not null || _okAfterPrack is null)
        {
            return;
        }

        _okAfterPrack = null;
        _log.Warning("Call {CallId} refused: the caller never sent PRACK for our reliable 180", CallId);
        await RefuseAsync(500, "Server Internal Error").ConfigureAwait(false);
    }
}
