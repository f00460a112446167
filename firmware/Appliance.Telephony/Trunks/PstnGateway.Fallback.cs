using System.Globalization;
using System.Net;
using Appliance.Sip.Messages;
using Appliance.Sip.Transactions;

namespace Appliance.Telephony.Trunks;

/// <summary>
/// Inbound calls to an upstream target that does not take them: an INVITE that hears nothing
/// within <see cref="PstnGatewayOptions.UpstreamAnswerWait"/>, times out (408 or no final
/// response) or gets a 5xx is offered once more on the local fallback, and the target is taken as
/// down at once rather than at the next failed OPTIONS.
/// </summary>
public sealed partial class PstnGateway
{
    private void SendInboundInvite(PstnLeg leg, string did, IPEndPoint target)
    {
        var offer = leg.Offer!;
        leg.Invite = BuildInvite(did, offer.Calling, leg.CallId, target, offer.PortName, leg.Channel, offer.Sdp);
        leg.TargetResponded = false;
        var watched = CanFallBack(target);
        var transaction = _sip!.SendRequestWatched(
            leg.Invite,
            target,
            watched ? _ => _mailbox.Post(() => leg.TargetResponded = true) : null);
        leg.Transaction = transaction;
        if (watched)
        {
            leg.UpstreamWait = _time.CreateTimer(
                _ => _mailbox.Post(() => UpstreamSilentAsync(leg, transaction)),
                null,
                _options.UpstreamAnswerWait,
                Timeout.InfiniteTimeSpan);
        }

        _ = Task.Run(async () =>
        {
            var response = await transaction.FinalResponse.ConfigureAwait(false);
            _mailbox.Post(() => InboundAnsweredAsync(leg, transaction, response, target));
        });
    }

    private bool CanFallBack(IPEndPoint target) =>
        _options.LocalFallback is { } fallback && !fallback.Equals(target) && target.Equals(_options.Target);

    // RFC 3261 §21.5: a 5xx says the server failed, not the callee; 408 and no response at all
    // (Timer B, §17.1.1.2) say nothing of the callee either.
    private static bool IsUpstreamFailure(SipResponse? response) =>
        response is null || response.StatusCode == 408 || response.StatusCode >= 500 && response.StatusCode < 600;

    private async ValueTask UpstreamSilentAsync(PstnLeg leg, SipClientTransaction transaction)
    {
        if (leg.Transaction != transaction || leg.State != PstnLegState.Inviting || leg.TargetResponded)
        {
            return;
        }

        leg.StopUpstreamWait();
        await FallBackAsync(leg, "sent nothing back in " + _options.UpstreamAnswerWait.TotalSeconds
            .ToString(CultureInfo.InvariantCulture) + " s").ConfigureAwait(false);
    }

    private async ValueTask FallBackAsync(PstnLeg leg, string failure)
    {
        var fallback = _options.LocalFallback!;
        var abandoned = leg.Transaction!;
        if (_targetUp)
        {
            _targetUp = false;
            _log.Warning("Target {Target} is taken as down: it {Failure} to PSTN call {CallId}",
                _options.Target, failure, leg.CallId);
        }

        // RFC 3261 §9.1: an INVITE still unanswered is cancelled (the layer waits for a
        // provisional before it sends the CANCEL); a 2xx that comes all the same is ended with BYE.
        await abandoned.CancelAsync().ConfigureAwait(false);
        var did = _options.LocalFallbackDid ?? leg.Offer!.Did;
        SendInboundInvite(leg, did, fallback);
        _log.Warning("PSTN call {CallId} retried on the local fallback {Fallback} as {Did}: {Target} {Failure}",
            leg.CallId, fallback, did, _options.Target, failure);
    }
}
