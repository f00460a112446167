using System.Globalization;
using System.Net;
using System.Text;
using Appliance.CallCenter.Ivr;
using Appliance.CallCenter.Records;
using Appliance.Media.Audio;
using Appliance.Media.Codecs;
using Appliance.Media.Engine;
using Appliance.Sip.Dialogs;
using Appliance.Sip.Messages;
using Appliance.Sip.Sdp;
using Appliance.Sip.Transactions;
using Appliance.Telephony.DialPlan;
using Appliance.Telephony.Events;
using Appliance.Telephony.Negotiation;
using Serilog;
using Serilog.Context;

namespace Appliance.Telephony.Calls;

/// <summary>
/// One inbound call and everything it owns: the caller's leg, the IVR session, its place in a
/// queue, the legs that ring agents, the bridge and the recording. An actor: every entry point
/// posts to the call's mailbox, and all state below is touched only there.
/// </summary>
internal sealed partial class Call
{
    private readonly CallServices _services;
    private readonly CallRegistry _registry;
    private readonly CallMailbox _mailbox;
    private readonly ILogger _log;
    private readonly SipServerTransaction _invite;
    private readonly DialPlanTarget _target;
    private readonly CallRecord _record;

    private CallPhase _phase = CallPhase.Answering;
    private bool _cancelRequested;
    private RtpEndpoint? _callerRtp;
    private SipDialog? _callerDialog;
    private SipResponse? _callerOk;

    public Call(
        CallServices services,
        CallRegistry registry,
        SipServerTransaction invite,
        DialPlanTarget target,
        string trunk)
    {
        _services = services;
        _registry = registry;
        _invite = invite;
        _target = target;
        CallId = invite.Request.CallId!;
        _log = services.Log.ForContext(nameof(CallId), CallId).ForContext<Call>();
        _mailbox = new CallMailbox(_log);
        _record = new CallRecord
        {
            CallId = CallId,
            CallerNumber = CallerNumberOf(invite.Request),
            Did = invite.Request.RequestUri.User ?? string.Empty,
            ArrivedUtc = services.Time.GetUtcNow(),
            Trunk = trunk,
        };
        Trunks.PstnTrunkLabel.Apply(invite, _record);
        Trunk = trunk;
    }

    /// <summary>
    /// The caller's number from the From URI, reduced to dial characters: it goes into the
    /// agent's INVITE and into reports, so nothing in it may break a header or a CSV export. The
    /// user part is unescaped first (RFC 3261 §19.1.2: <c>%2B44</c> is <c>+44</c>).
    /// </summary>
    internal static string CallerNumberOf(SipRequest invite)
    {
        var user = invite.From?.Uri.DecodedUser;
        if (string.IsNullOrEmpty(user))
        {
            return "anonymous";
        }

        var builder = new StringBuilder(Math.Min(user.Length, 32));
        foreach (var c in user)
        {
            if (builder.Length == 32)
            {
                break;
            }

            if (char.IsAsciiLetterOrDigit(c) || c is '+' or '*' or '#' or '-' or '.' or '_')
            {
                builder.Append(c);
            }
        }

        return builder.Length > 0 ? builder.ToString() : "anonymous";
    }

    /// <summary>The Call-ID of the caller's dialog; also the call's id in the ACD and its record.</summary>
    public string CallId { get; }

    public string Trunk { get; }

    public void Start() => Post(AnswerAsync);

    /// <summary>The ACK of a 2xx in the caller's dialog or an agent's; the first starts routing.</summary>
    public void AckReceived(SipRequest ack) => Post(async () =>
    {
        if (!await TakeAnswerFromAckAsync(ack).ConfigureAwait(false))
        {
            return;
        }

        if (_phase == CallPhase.Answering && ack.CallId == CallId)
        {
            StartMediaWatch();
            StartRouting();
        }
    });

    /// <summary>
    /// The caller sent CANCEL. It is flagged at once, so an answer still being prepared on the
    /// mailbox is not sent; once our 200 has gone, a CANCEL has no effect (RFC 3261 §9.2).
    /// </summary>
    public void CallerCancelled(SipServerTransaction invite)
    {
        Volatile.Write(ref _cancelRequested, true);
        Post(async () =>
        {
            if (_phase == CallPhase.Ended)
            {
                return;
            }

            if (_callerOk is not null)
            {
                _log.Debug("Call {CallId}: CANCEL after our answer has no effect", CallId);
                return;
            }

            await CancelAnswerAsync().ConfigureAwait(false);
        });
    }

    /// <summary>Asks the call to end now: the box is shutting down.</summary>
    public void Shutdown() => Post(() => EndAsync(CallEnding.ByTheBox));

    /// <summary>Completes once the call has ended and no leg waits for a response.</summary>
    public Task Completion => _mailbox.Completion;

    public void AckTimedOut() => Post(async () =>
    {
        _log.Warning("Call {CallId}: the caller never acknowledged our answer", CallId);
        await EndAsync(CallEnding.Failed).ConfigureAwait(false);
    });

    public void ByeReceived(SipServerTransaction bye) => Post(async () =>
    {
        if (!await AcceptInDialogAsync(bye).ConfigureAwait(false))
        {
            return;
        }

        await bye.SendResponseAsync(bye.Request.CreateResponse(200, "OK")).ConfigureAwait(false);

        var callId = bye.Request.CallId;
        if (callId == CallId && await CallerLeftConferenceAsync().ConfigureAwait(false))
        {
            return;
        }

        if (callId == CallId)
        {
            _log.Information("Call {CallId}: caller hung up", CallId);
            await EndAsync(CallEnding.CallerHungUp).ConfigureAwait(false);
            return;
        }

        var leg = FindLeg(callId);
        if (leg is not null && await DeskLegLeftAsync(leg).ConfigureAwait(false))
        {
            return;
        }

        if (leg is not null && leg == _transferor && leg == _connected)
        {
            await TransferorLeftAsync(leg).ConfigureAwait(false);
            return;
        }

        if (leg is not null && leg.State == AgentLegState.Connected)
        {
            _log.Information("Call {CallId}: agent {Agent} hung up", CallId, leg.AgentId);
            leg.State = AgentLegState.Ended;
            await EndAsync(CallEnding.AgentHungUp).ConfigureAwait(false);
        }
    });

    private void Post(Func<ValueTask> work)
    {
        _mailbox.Post(async () =>
        {
            using (LogContext.PushProperty("CallId", CallId))
            {
                await work().ConfigureAwait(false);
            }
        });
    }

    private void Post(Action work) => Post(() =>
    {
        work();
        return ValueTask.CompletedTask;
    });

    private async ValueTask AnswerAsync()
    {
        var request = _invite.Request;
        _log.Information(
            "Call {CallId} from {Caller} to {Did} arrived on trunk {Trunk}",
            CallId,
            _record.CallerNumber,
            _record.Did,
            Trunk);

        if (!await AcceptSessionIntervalAsync(_invite).ConfigureAwait(false))
        {
            await EndAsync(CallEnding.Failed).ConfigureAwait(false);
            return;
        }

        // An INVITE without an offer (delayed offer, RFC 3261 §13.2.1) gets ours in the 200
        // and brings its answer in the ACK.
        var body = Encoding.UTF8.GetString(request.Body.Span);
        var parseError = string.Empty;
        SdpSession? offer = null;
        if (!request.Body.IsEmpty && !SdpSession.TryParse(body, out offer, out parseError))
        {
            _log.Warning("Call {CallId} refused: no usable SDP offer ({Reason})", CallId, parseError);
            await RefuseAsync(488, "Not Acceptable Here").ConfigureAwait(false);
            return;
        }

        await _invite.SendResponseAsync(request.CreateResponse(100, "Trying")).ConfigureAwait(false);

        if (!TryOpenRtp(out var rtp))
        {
            await RefuseAsync(503, "Service Unavailable").ConfigureAwait(false);
            return;
        }

        _callerRtp = rtp;
        var sessionId = (ulong)_services.Time.GetUtcNow().ToUnixTimeMilliseconds();
        _sdpSessionId = sessionId;
        rtp.DtmfReceived += digit => Post(() => DigitReceived(digit));
        if (offer is null)
        {
            await AnswerWithOurOfferAsync(rtp, sessionId).ConfigureAwait(false);
            return;
        }

        if (!SdpNegotiator.TryAnswer(
                offer!,
                _services.Options.AdvertisedAddress,
                rtp.LocalPort,
                sessionId,
                out var answer,
                out var media,
                out var negotiationError,
                acceptSecure: true)
            || !TryKeySrtp(rtp, offer, answer, out negotiationError))
        {
            _log.Warning("Call {CallId} refused: {Reason}", CallId, negotiationError);
            await RefuseAsync(488, "Not Acceptable Here").ConfigureAwait(false);
            return;
        }

        ConfigureRtp(rtp, media);
        ApplyPeerDirection(rtp, offer);

        if (media.RemoteRtp.AddressFamily != rtp.LocalEndPoint.AddressFamily)
        {
            // An IPv6 offer to an IPv4 socket (or the reverse) would be answered and then be
            // silent; refuse it while the call can still take another route.
            _log.Warning(
                "Call {CallId} refused: media address {RemoteRtp} is of another family",
                CallId,
                media.RemoteRtp);
            await RefuseAsync(488, "Not Acceptable Here").ConfigureAwait(false);
            return;
        }

        if (Volatile.Read(ref _cancelRequested))
        {
            await CancelAnswerAsync().ConfigureAwait(false);
            return;
        }

        await SendCallerOkAsync(answer!).ConfigureAwait(false);

        _log.Information(
            "Call {CallId} answered with {Codec} towards {RemoteRtp}",
            CallId,
            media.Codec,
            media.RemoteRtp);
        Publish(CallEventKind.Arrived, agent: null);
    }

    /// <summary>Delayed offer: our offer goes in the 200 and the caller's answer is due in the ACK.</summary>
    private async ValueTask AnswerWithOurOfferAsync(RtpEndpoint rtp, ulong sessionId)
    {
        if (Volatile.Read(ref _cancelRequested))
        {
            await CancelAnswerAsync().ConfigureAwait(false);
            return;
        }

        var offer = SdpNegotiator.CreateOffer(_services.Options.AdvertisedAddress, rtp.LocalPort, sessionId);
        _offersAwaitingAck.Add(CallId);
        await SendCallerOkAsync(offer).ConfigureAwait(false);
        _log.Information(
            "Call {CallId} answered with our offer; the caller's answer is due in the ACK",
            CallId);
    }

    /// <summary>
    /// 180 then 200 with our SDP (an answer, or the offer of a delayed-offer INVITE); a caller
    /// that requires 100rel gets the 180 reliably and the 200 after its PRACK (RFC 3262).
    /// </summary>
    private async ValueTask SendCallerOkAsync(SdpSession sdp)
    {
        var request = _invite.Request;
        var toTag = SipTransactionLayer.NewTag();
        var ringing = request.CreateResponse(180, "Ringing", toTag);
        var ok = request.CreateResponse(200, "OK", toTag);
        ok.Headers.Add("Contact", LocalContact());
        ok.Headers.Add("Allow", SipMethods.Allowed);
        ok.Headers.Add("Supported", SipMethods.Supported);
        ok.Headers.Add("Content-Type", "application/sdp");
        ok.Body = Encoding.UTF8.GetBytes(sdp.ToString());
        AddSessionTimerHeaders(ok, request);
        if (SipReliableProvisional.IsRequired(request))
        {
            await SendRingingReliablyAsync(ringing, ok).ConfigureAwait(false);
            return;
        }

        await _invite.SendResponseAsync(ringing).ConfigureAwait(false);
        await SendCallerFinalOkAsync(ok).ConfigureAwait(false);
    }

    private async ValueTask SendCallerFinalOkAsync(SipResponse ok)
    {
        _callerOk = ok;
        _callerDialog = SipDialog.CreateUas(_invite.Request, ok, _invite.RemoteEndPoint);
        await _invite.SendResponseAsync(ok).ConfigureAwait(false);
        RestartSessionTimer();
    }

    private async ValueTask RefuseAsync(int statusCode, string reason)
    {
        var refusal = _invite.Request.CreateResponse(statusCode, reason, SipTransactionLayer.NewTag());
        await _invite.SendResponseAsync(refusal).ConfigureAwait(false);
        await EndAsync(CallEnding.Failed).ConfigureAwait(false);
    }

    private async ValueTask CancelAnswerAsync()
    {
        _log.Information("Call {CallId}: caller cancelled before the answer", CallId);
        _reliable?.Stop();

        // The 487 keeps the To tag of a 180 that already went out (its early dialog).
        var tag = _okAfterPrack?.To?.Tag ?? SipTransactionLayer.NewTag();
        var terminated = _invite.Request.CreateResponse(487, "Request Terminated", tag);
        await _invite.SendResponseAsync(terminated).ConfigureAwait(false);
        await EndAsync(CallEnding.CallerHungUp).ConfigureAwait(false);
    }

    private bool TryOpenRtp(out RtpEndpoint rtp)
    {
        try
        {
            rtp = RtpEndpoint.Open(
                _services.Options.RtpBindAddress,
                _services.RtpPorts,
                _services.Clock,
                _log,
                _services.Time);
            return true;
        }
        catch (InvalidOperationException ex)
        {
            _log.Error(ex, "Call {CallId}: no RTP port free", CallId);
            rtp = null!;
            return false;
        }
    }

    private static void ConfigureRtp(RtpEndpoint rtp, NegotiatedMedia media) => SdpCodecs.Configure(rtp, media);

    private string LocalContact()
    {
        var local = _services.Sip.LocalEndPoint;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"<sip:{FormatHost(_services.Options.AdvertisedAddress)}:{local.Port}>");
    }

    private static string FormatHost(IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{address}]"
            : address.ToString();

    private AgentLeg? FindLeg(string? callId)
    {
        foreach (var leg in _agentLegs)
        {
            if (leg.CallId == callId)
            {
                return leg;
            }
        }

        return null;
    }

    private void StartRouting()
    {
        switch (_target.Kind)
        {
            case DialPlanTargetKind.Ivr:
                StartIvr(_target.Name);
                break;
            case DialPlanTargetKind.Flow:
                StartFlow(_target.Name);
                break;
            case DialPlanTargetKind.Queue:
                EnterQueue(_target.Name);
                break;
            case DialPlanTargetKind.FeatureCode:
                RunFeatureCode();
                break;
            case DialPlanTargetKind.Extension:
                RingExtension(_target.Name);
                break;
        }
    }

    private void Play(IReadOnlyList<string> prompts, bool loop, Action? completed)
    {
        var player = new PromptPlayer { Loop = loop };
        foreach (var prompt in prompts)
        {
            player.Enqueue(PromptSamples(prompt));
        }

        if (completed is not null)
        {
            // The player raises this on the media clock; the stale check runs on our mailbox.
            player.Completed += () => Post(() =>
            {
                if (ReferenceEquals(_callerRtp?.Source, player))
                {
                    completed();
                }
            });
        }

        _callerRtp!.Source = player;
    }
}
