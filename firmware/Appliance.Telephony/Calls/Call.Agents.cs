using System.Globalization;
using System.Net;
using System.Text;
using Appliance.CallCenter.Records;
using Appliance.CallCenter.Queues;
using Appliance.CallCenter.Routing;
using Appliance.Media.Audio;
using Appliance.Media.Engine;
using Appliance.Media.Recording;
using Appliance.Sip.Dialogs;
using Appliance.Sip.Messages;
using Appliance.Sip.Registration;
using Appliance.Sip.Sdp;
using Appliance.Sip.Transactions;
using Appliance.Telephony.Events;
using Appliance.Telephony.Negotiation;

namespace Appliance.Telephony.Calls;

/// <summary>The agent side of a call: ringing agents the ACD offers, and the bridge on answer.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Reliability",
    "CA1001",
    Justification = "The bridge is disposed when the call ends, on the call's own mailbox.")]
internal sealed partial class Call
{
    private readonly List<AgentLeg> _agentLegs = [];
    private AgentLeg? _connected;
    private MediaBridge? _bridge;

    /// <summary>The ACD offers this call to an agent: ring the agent's phone.</summary>
    public void Offer(AcdOffer offer) => Post(() => RingAgent(offer));

    /// <summary>The ACD takes its offer back (ring timeout, or the caller left): cancel that leg.</summary>
    public void OfferWithdrawn(AcdOffer offer) => Post(async () =>
    {
        foreach (var leg in _agentLegs)
        {
            if (leg.AgentId == offer.AgentId && leg.State == AgentLegState.Ringing)
            {
                _log.Information(
                    "Call {CallId}: offer to agent {Agent} withdrawn ({Reason})",
                    CallId,
                    offer.AgentId,
                    offer.Reason);
                await CancelLegAsync(leg).ConfigureAwait(false);
            }
        }
    });

    /// <summary>A 2xx for an agent INVITE came again: our ACK was lost, so send it again.</summary>
    public void AgentOkRetransmitted(SipResponse ok) => Post(async () =>
    {
        var leg = FindLeg(ok.CallId);
        if (leg?.Ack is not null)
        {
            await _services.Sip.Transport.SendAsync(leg.Ack, leg.Destination).ConfigureAwait(false);
        }
    });

    private void RingAgent(AcdOffer offer)
    {
        if (_phase != CallPhase.Queued)
        {
            _log.Debug(
                "Call {CallId}: offer to {Agent} ignored in phase {Phase}",
                CallId,
                offer.AgentId,
                _phase);
            return;
        }

        var bindings = _services.Registrar.Lookup(offer.AgentId);
        if (bindings.Count == 0 && _services.RemoteAgentNumber(offer.AgentId) is { } remote)
        {
            RingRemoteAgent(offer, remote);
            return;
        }

        if (bindings.Count == 0)
        {
            _log.Warning("Call {CallId}: agent {Agent} cannot be rung", CallId, offer.AgentId);
            _services.Acd.OfferFailed(CallId, offer.AgentId);
            return;
        }

        // RFC 3261 §16.7 done by the B2BUA: one INVITE to every phone the agent registered, at once;
        // the first 2xx wins and the other branches are cancelled.
        var rung = 0;
        foreach (var binding in bindings)
        {
            if (!TryOpenRtp(out var rtp))
            {
                break;
            }

            RingAgentPhone(offer, binding, rtp);
            rung++;
        }

        if (rung == 0)
        {
            _log.Warning("Call {CallId}: agent {Agent} cannot be rung", CallId, offer.AgentId);
            _services.Acd.OfferFailed(CallId, offer.AgentId);
            return;
        }

        if (rung < bindings.Count)
        {
            _log.Warning(
                "Call {CallId}: agent {Agent} rung at {Rung} of {Phones} phones (no media port free)",
                CallId,
                offer.AgentId,
                rung,
                bindings.Count);
        }

        Publish(CallEventKind.Offered, offer.AgentId);
    }

    private void RingAgentPhone(AcdOffer offer, SipBinding binding, RtpEndpoint rtp)
    {
        var destination = DestinationOf(binding);
        var sessionId = (ulong)_services.Time.GetUtcNow().ToUnixTimeMilliseconds();
        // The caller's codec first, so that an agent phone that has it lets the bridge relay.
        var sdp = SdpNegotiator.CreateOffer(
            _services.Options.AdvertisedAddress,
            rtp.LocalPort,
            sessionId,
            SdpCodecs.NameOf(_callerRtp?.Codec));
        var invite = BuildAgentInvite(binding, sdp);

        var transaction = _services.Sip.SendRequest(invite, destination);
        var leg = new AgentLeg(offer.AgentId, invite, transaction, rtp, destination)
        {
            SdpSessionId = sessionId,
        };
        _agentLegs.Add(leg);
        _registry.AddAgentLeg(leg.CallId, this);
        transaction.ProvisionalReceived += response => Post(() =>
            _log.Debug(
                "Call {CallId}: agent {Agent} phone answered {Status}",
                CallId,
                leg.AgentId,
                response.StatusCode));
        _ = AwaitAgentAnswerAsync(leg);

        _log.Information(
            "Call {CallId} offered to agent {Agent} at {Contact} from queue {Queue}",
            CallId,
            offer.AgentId,
            binding.Contact,
            offer.Queue);
    }

    /// <summary>Whether another phone of the same offer still rings, so one branch failing is no miss.</summary>
    private bool OtherBranchRings(AgentLeg leg)
    {
        foreach (var other in _agentLegs)
        {
            if (other != leg
                && other.Purpose == AgentLegPurpose.Offer
                && other.AgentId == leg.AgentId
                && other.State == AgentLegState.Ringing)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One phone of the agent answered: the agent's other phones stop ringing (§16.7 step 10).</summary>
    private async ValueTask CancelOtherBranchesAsync(AgentLeg answered)
    {
        foreach (var other in _agentLegs.ToArray())
        {
            if (other != answered
                && other.Purpose == AgentLegPurpose.Offer
                && other.AgentId == answered.AgentId
                && other.State == AgentLegState.Ringing)
            {
                _log.Information(
                    "Call {CallId}: agent {Agent} answered on another phone, cancelling {Contact}",
                    CallId,
                    answered.AgentId,
                    other.Invite.RequestUri);
                await CancelLegAsync(other).ConfigureAwait(false);
            }
        }
    }

    private async Task AwaitAgentAnswerAsync(AgentLeg leg)
    {
        var response = await leg.FinalResponse.ConfigureAwait(false);
        Post(() => AgentAnswered(leg, response));
    }

    private async ValueTask AgentAnswered(AgentLeg leg, SipResponse? response)
    {
        if (leg.Purpose != AgentLegPurpose.Offer)
        {
            await DirectLegAnsweredAsync(leg, response).ConfigureAwait(false);
            return;
        }

        if (response is null || response.StatusCode >= 300)
        {
            var status = response?.StatusCode ?? 408;
            var wasRinging = leg.State == AgentLegState.Ringing && !OtherBranchRings(leg);
            await ReleaseLegAsync(leg).ConfigureAwait(false);
            if (wasRinging && _phase == CallPhase.Queued)
            {
                _log.Information(
                    "Call {CallId}: agent {Agent} did not take the call ({Status})",
                    CallId,
                    leg.AgentId,
                    status);
                _services.Acd.OfferFailed(CallId, leg.AgentId);
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
        if (leg.State != AgentLegState.Ringing || _phase != CallPhase.Queued || !usable)
        {
            // The answer crossed our CANCEL, or the caller is gone, or the phone's SDP is
            // unusable: the agent's dialog exists now and must be closed with a BYE.
            var offerFailed = leg.State == AgentLegState.Ringing
                && _phase == CallPhase.Queued
                && !OtherBranchRings(leg);
            await HangUpLegAsync(leg).ConfigureAwait(false);
            if (offerFailed)
            {
                _services.Acd.OfferFailed(CallId, leg.AgentId);
            }

            return;
        }

        // The ACD may have withdrawn the offer a moment before the answer came (ring timeout).
        if (!_services.Acd.OfferAnswered(CallId, leg.AgentId))
        {
            await HangUpLegAsync(leg).ConfigureAwait(false);
            return;
        }

        _record.AgentPhone = AgentPhoneLabel.Of(response);
        ConfigureRtp(leg.Rtp, media);
        Connect(leg);
        ApplyPeerDirection(leg.Rtp, session!);
        await CancelOtherBranchesAsync(leg).ConfigureAwait(false);
    }

    private void Connect(AgentLeg leg)
    {
        StopEarlyMedia();
        leg.State = AgentLegState.Connected;
        _connected = leg;
        _phase = CallPhase.Bridged;
        _record.AnsweredUtc = _services.Time.GetUtcNow();
        if (leg.ExternalNumber is not null)
        {
            _record.OutboundTrunk = OutboundTrunkOf(leg);
        }

        if (leg.Purpose == AgentLegPurpose.External)
        {
            // The caller was sent on to a number, not answered by anyone of this box.
            _record.TransferredTo = leg.ExternalNumber;
            _record.TransferredUtc = _record.AnsweredUtc;
            _record.TransferKind = CallTransferKind.Blind;
        }
        else
        {
            _record.Agent = leg.AgentId;
        }

        _callerRtp!.Source = null;

        var recorder = OpenRecorder(onDemand: false);
        _recorder = recorder;
        UseJitterBuffers(leg, decoded: recorder is not null);
        _bridge = new MediaBridge(_callerRtp, leg.Rtp, _services.Clock, recorder);
        var waited = _record.AnsweredUtc.Value - (_record.QueuedUtc ?? _record.ArrivedUtc);
        var waitSeconds = (int)waited.TotalSeconds;
        if (leg.Purpose == AgentLegPurpose.External)
        {
            _log.Information(
                "Call {CallId} connected to external number {Number} after {WaitSeconds} s",
                CallId,
                leg.ExternalNumber,
                waitSeconds);
        }
        else
        {
            _log.Information(
                "Call {CallId} answered by agent {Agent} after {WaitSeconds} s in queue {Queue}",
                CallId,
                leg.AgentId,
                waitSeconds,
                _record.Queue);
        }

        Publish(CallEventKind.Answered, _record.Agent);
    }

    // At the answer the queue's policy decides; on demand (a CTI command) the call is recorded
    // whatever the policy, in the policy's format.
    private StereoWavRecorder? OpenRecorder(bool onDemand)
    {
        var policy = _services.RecordingPolicyOf(_record.Queue);
        if (!policy.RecordsAtAnswer && !onDemand)
        {
            _log.Information("Call {CallId} is not recorded: queue {Queue} records none at the answer",
                CallId, _record.Queue);
            return null;
        }

        var day = _record.ArrivedUtc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var folder = Path.Combine(_services.Options.RecordingsDirectory, day);
        var opus = policy.Format is { } format
            ? string.Equals(format, "opus", StringComparison.OrdinalIgnoreCase)
            : _record.Queue is { } queue && _services.Queues(queue)?.RecordingFormat == QueueRecordingFormat.Opus;
        var path = Path.Combine(folder, SafeFileName(CallId) + (opus ? ".opus" : ".wav"));
        for (var part = 2; File.Exists(path); part++)
        {
            // A call transferred to a queue is answered again: its first recording is kept.
            path = Path.Combine(folder, $"{SafeFileName(CallId)}-{part}{(opus ? ".opus" : ".wav")}");
        }

        try
        {
            Directory.CreateDirectory(folder);
            var relative = Path.GetRelativePath(_services.Options.DataDirectory, path);
            var recorder = new StereoWavRecorder(path, RecordingOptionsFor(relative, opus));
            _record.RecordingFile = relative;
            return recorder;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A full or broken disk must not cost the call itself: it goes on unrecorded.
            _log.Error(ex, "Call {CallId}: recording to {Path} could not start", CallId, path);
            return null;
        }
    }

    private RecordingOptions RecordingOptionsFor(string relativePath, bool opus) => new()
    {
        CallId = CallId,
        Format = opus ? RecordingFormat.OggOpus : RecordingFormat.Wav,
        IndexedPath = relativePath,
        Index = _services.RecordingIndex,
        Log = _log,
        Time = _services.Time,
    };

    private static string SafeFileName(string callId)
    {
        var builder = new StringBuilder(callId.Length);
        foreach (var c in callId)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }

        return builder.ToString();
    }

    private SipRequest BuildAgentInvite(SipBinding binding, SdpSession sdp)
    {
        var advertised = FormatHost(_services.Options.AdvertisedAddress);
        var callId = string.Create(CultureInfo.InvariantCulture, $"{Guid.NewGuid():N}@{advertised}");
        var caller = _record.CallerNumber;

        var invite = new SipRequest("INVITE", binding.Contact);
        invite.Headers.Add("Max-Forwards", "70");
        var fromTag = SipTransactionLayer.NewTag();
        invite.Headers.Add("From", $"\"{caller}\" <sip:{caller}@{advertised}>;tag={fromTag}");
        invite.Headers.Add("To", $"<sip:{binding.User}@{advertised}>");
        invite.Headers.Add("Call-ID", callId);
        invite.Headers.Add("CSeq", "1 INVITE");
        invite.Headers.Add("Contact", LocalContact());
        invite.Headers.Add("Allow", SipMethods.Allowed);
        invite.Headers.Add("Content-Type", "application/sdp");
        invite.Body = Encoding.UTF8.GetBytes(sdp.ToString());
        return invite;
    }

    /// <summary>
    /// Where to send requests for a registered phone: its Contact, unless the phone is behind a
    /// NAT (the Contact names another host than the packets came from), then back to the source.
    /// </summary>
    internal static IPEndPoint DestinationOf(SipBinding binding)
    {
        var contactHost = binding.Contact.Host.Trim('[', ']');
        if (IPAddress.TryParse(contactHost, out var host) && host.Equals(binding.Source.Address))
        {
            return new IPEndPoint(host, binding.Contact.Port ?? 5060);
        }

        return binding.Source;
    }

    private static async ValueTask CancelLegAsync(AgentLeg leg)
    {
        leg.State = AgentLegState.Cancelling;
        await leg.CancelInviteAsync().ConfigureAwait(false);
    }

    private async ValueTask HangUpLegAsync(AgentLeg leg)
    {
        if (leg.Dialog is not null)
        {
            var bye = leg.Dialog.CreateRequest("BYE");
            _ = _services.Sip.SendRequest(bye, leg.Dialog.RemoteEndPoint);
        }

        await ReleaseLegAsync(leg).ConfigureAwait(false);
    }

    private async ValueTask ReleaseLegAsync(AgentLeg leg)
    {
        leg.State = AgentLegState.Ended;
        StopEarlyMedia(of: leg);
        _agentLegs.Remove(leg);
        _registry.RemoveAgentLeg(leg.CallId);
        ReleaseAgentOf(leg);
        await leg.Rtp.DisposeAsync().ConfigureAwait(false);
        CloseIfIdle();
    }
}
