using System.Text;
using Appliance.CallCenter.Ivr;
using Appliance.CallCenter.Ivr.Flows;
using Appliance.CallCenter.Records;
using Appliance.Sip.Dialogs;
using Appliance.Sip.Sdp;

namespace Appliance.Telephony.Calls;

/// <summary>
/// The part of a call that an IVR flow transfers to an extension: the box rings the extension's
/// registered phone itself (a B2BUA leg, not an ACD offer) and bridges it like an agent's.
/// </summary>
internal sealed partial class Call
{
    // How long a transferred call rings an extension before the caller hears the apology.
    private static readonly TimeSpan s_transferRingTimeout = TimeSpan.FromSeconds(30);

    private ITimer? _transferTimer;

    private void TransferTo(string extension)
    {
        _phase = CallPhase.Transferring;
        _transferFromOverflow = false;
        _callerRtp!.Source = null;
        var bindings = _services.Registrar.Lookup(extension);
        if (bindings.Count == 0 || !TryOpenRtp(out var rtp))
        {
            _log.Information(
                "Call {CallId}: extension {Extension} cannot be rung for a transfer (not registered)",
                CallId,
                extension);
            TransferFailed();
            return;
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
            Purpose = AgentLegPurpose.FlowTransfer,
        };
        _agentLegs.Add(leg);
        _registry.AddAgentLeg(leg.CallId, this);
        EngageAgentOf(leg);
        _ = AwaitTransferAnswerAsync(leg);
        _transferTimer = _services.Time.CreateTimer(
            _ => Post(async () =>
            {
                if (leg.State == AgentLegState.Ringing && _phase == CallPhase.Transferring)
                {
                    _log.Information(
                        "Call {CallId}: extension {Extension} did not answer the transfer", CallId, extension);
                    await CancelLegAsync(leg).ConfigureAwait(false);
                }
            }),
            null,
            s_transferRingTimeout,
            Timeout.InfiniteTimeSpan);

        _log.Information(
            "Call {CallId} transferred by the IVR to extension {Extension} at {Contact}",
            CallId,
            extension,
            binding.Contact);
    }

    private async Task AwaitTransferAnswerAsync(AgentLeg leg)
    {
        var response = await leg.FinalResponse.ConfigureAwait(false);
        Post(() => TransferAnswered(leg, response));
    }

    private async ValueTask TransferAnswered(AgentLeg leg, Sip.Messages.SipResponse? response)
    {
        _transferTimer?.Dispose();
        if (response is null || response.StatusCode >= 300)
        {
            var wasRinging = leg.State == AgentLegState.Ringing;
            await ReleaseLegAsync(leg).ConfigureAwait(false);
            if (leg.Purpose == AgentLegPurpose.External)
            {
                LogExternalFailure(leg, response);
            }
            else if (wasRinging || _phase == CallPhase.Transferring)
            {
                _log.Information(
                    "Call {CallId}: extension {Extension} refused the transfer ({Status})",
                    CallId,
                    leg.AgentId,
                    response?.StatusCode ?? 408);
            }

            if (_phase == CallPhase.Transferring)
            {
                TransferFailed();
            }

            return;
        }

        // RFC 3261 §13.2.2.4: the UAC core acknowledges every 2xx itself.
        var dialog = SipDialog.CreateUac(leg.Invite, response, leg.Destination);
        leg.Dialog = dialog;
        leg.Ack = dialog.CreateAck(response);
        await _services.Sip.Transport.SendAsync(leg.Ack, leg.Destination).ConfigureAwait(false);

        var answer = Encoding.UTF8.GetString(response.Body.Span);
        NegotiatedMedia media = default;
        var usable = SdpSession.TryParse(answer, out var session, out _)
            && SdpNegotiator.TryReadAnswer(session!, out media, out _);
        if (leg.State != AgentLegState.Ringing || _phase != CallPhase.Transferring || !usable)
        {
            await HangUpLegAsync(leg).ConfigureAwait(false);
            if (_phase == CallPhase.Transferring)
            {
                TransferFailed();
            }

            return;
        }

        ConfigureRtp(leg.Rtp, media);
        Connect(leg);
        ApplyPeerDirection(leg.Rtp, session!);
        _flow?.TransferConnected();
    }

    /// <summary>
    /// The transfer did not connect: a flow goes on at its failed branch when the node has one;
    /// otherwise, and always after a queue's overflow, the caller hears the apology.
    /// </summary>
    private void TransferFailed()
    {
        var node = _flow?.CurrentNode;
        if (!_transferFromOverflow && _flow?.TransferFailed() is { } next
            && next is not (NoAction or HangUpCall))
        {
            _log.Information(
                "Call {CallId}: IVR flow {Flow} goes on at the failed branch of node {Node}",
                CallId,
                _flow.Document.Name,
                node);
            _phase = CallPhase.Ivr;
            Apply(next);
            return;
        }

        _phase = CallPhase.NoAgent;
        _record.Disposition = CallDisposition.NoAgent;
        Play(
            [_services.Options.NoAgentPrompt],
            loop: false,
            completed: () => Post(() => EndAsync(CallEnding.ByTheBox)));
    }
}
