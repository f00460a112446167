using System.Globalization;
using System.Net;
using System.Text;
using Appliance.Drivers.CallerId;
using Appliance.Drivers.Cards;
using Appliance.Drivers.Signalling;
using Appliance.Media.Engine;
using Appliance.Media.Rtp;
using Appliance.Sip.Dialogs;
using Appliance.Sip.Messages;
using Appliance.Sip.Sdp;
using Appliance.Sip.Transactions;
using Appliance.Sip.Transport;
using Appliance.Telephony.Calls;
using Appliance.Telephony.Negotiation;
using Serilog;

namespace Appliance.Telephony.Trunks;

/// <summary>
/// Puts a telephony card's calls on the SIP call path. Inbound, each call the card offers becomes
/// an INVITE from the gateway's own SIP socket to the target (the box itself, so a PSTN caller
/// meets the same dial plan, IVR, queues and recording as a SIP caller); the called number, or
/// the port's DID, is the request URI. Outbound, an INVITE to the gateway is routed by number to
/// a trunk group, in failover order. Audio crosses as RTP between the gateway and the target;
/// digits from the line go as RFC 4733 events. GSM/4G modules driven by AT commands sit beside
/// the card's ports as one-channel ports numbered from <see cref="FirstModulePort"/>. All state is
/// on one mailbox; nothing blocks.
/// </summary>
public sealed partial class PstnGateway : IAsyncDisposable
{
    /// <summary>Names the card port and channel of the call, for the call record.</summary>
    public const string TrunkHeader = "X-Sparkle-Trunk";

    // The card carries G.711 only, and the SIP side of the gateway is the box itself: a wideband
    // codec on that hop would be transcoded twice for no gain in quality.
    private static readonly string[] CardCodecs = ["PCMA", "PCMU"];

    private readonly TelephonyCard? _card;
    private readonly TrunkRouter _router;
    private readonly PstnGatewayOptions _options;
    private readonly MediaClock _clock;
    private readonly MediaPortAllocator _rtpPorts;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly CallMailbox _mailbox;
    private readonly Dictionary<(int Port, int Channel), PstnLeg> _byChannel = [];
    private readonly Dictionary<string, PstnLeg> _byCallId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _pendingAnswers = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private SipUdpTransport? _transport;
    private SipTransactionLayer? _sip;
    private Task? _events;
    private ITimer? _qualifyTimer;
    private volatile bool _targetUp = true;

    // Rebuilt on the mailbox whenever a channel changes, so Snapshot() can be read from any thread.
    private volatile IReadOnlyList<TrunkChannelStatus> _channels = [];

    /// <remarks>The GSM modules in <c>modules</c> sit beside the card, the first as port
    /// <see cref="FirstModulePort"/>; the gateway starts them, the caller owns and disposes them.
    /// A box with modules and no card passes a null <c>card</c>.</remarks>
    public PstnGateway(
        TelephonyCard? card,
        TrunkRouter router,
        PstnGatewayOptions options,
        MediaClock clock,
        MediaPortAllocator rtpPorts,
        TimeProvider time,
        ILogger log,
        IReadOnlyList<GsmTrunkModule>? modules = null)
    {
        _card = card;
        _modules = modules ?? [];
        _router = router;
        _options = options;
        _clock = clock;
        _rtpPorts = rtpPorts;
        _time = time;
        _log = log.ForContext<PstnGateway>();
        _mailbox = new CallMailbox(_log);
    }

    /// <summary>The gateway's SIP socket: the box sends outbound PSTN calls here.</summary>
    public IPEndPoint SipEndPoint => _transport?.LocalEndPoint
        ?? throw new InvalidOperationException("The gateway has not started.");

    /// <summary>Whether the target answered the last OPTIONS.</summary>
    public bool TargetReachable => _targetUp;

    public void Start()
    {
        _transport = new SipUdpTransport(_options.SipBind, _log, _time);
        _sip = new SipTransactionLayer(_transport, _time, _log)
        {
            RequestReceived = t =>
            {
                _mailbox.Post(() => OnRequestAsync(t));
                return ValueTask.CompletedTask;
            },
            InviteCancelled = t =>
            {
                _mailbox.Post(() => OnInviteCancelledAsync(t));
                return ValueTask.CompletedTask;
            },
        };
        _sip.Start();
        _events = _card is null ? null : PumpCardEventsAsync(_stop.Token);
        StartModules();
        _qualifyTimer = _time.CreateTimer(_ => Qualify(), null, TimeSpan.Zero, _options.QualifyInterval);
        _log.Information("PSTN gateway on {SipEndPoint} hands calls to {Target}", SipEndPoint, _options.Target);
    }

    /// <summary>Trunk groups, ports and channels now, for the web UI and the LCD.</summary>
    public TrunkStatusSnapshot Snapshot()
    {
        var ports = PortStatuses();
        var groups = new List<TrunkGroupStatus>();
        foreach (var group in _router.Groups)
        {
            if (group.Kind == TrunkGroupKind.Sip)
            {
                groups.Add(new TrunkGroupStatus(group.Name, group.Kind, SipTrunkUp(group.SipTrunk!), 0, 0));
                continue;
            }

            var mine = ports.Where(p => group.Ports.Contains(p.Port)).ToList();
            groups.Add(new TrunkGroupStatus(
                group.Name,
                group.Kind,
                mine.Any(p => p.InService),
                mine.Sum(p => p.FreeChannels),
                mine.Sum(p => p.BusyChannels)));
        }

        return new TrunkStatusSnapshot(_time.GetUtcNow(), groups, ports, _targetUp) { Channels = _channels };
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_qualifyTimer is not null)
        {
            await _qualifyTimer.DisposeAsync().ConfigureAwait(false);
        }

        _mailbox.Post(async () =>
        {
            foreach (var (key, wait) in _callerIdWaits.ToList())
            {
                await StopWaitingAsync(key, wait).ConfigureAwait(false);
            }

            foreach (var leg in _byCallId.Values.ToList())
            {
                await EndLegAsync(leg, IsdnCauseMapping.NormalClearing, sendBye: true).ConfigureAwait(false);
            }
        });
        _mailbox.Close();
        await _mailbox.Completion.ConfigureAwait(false);
        if (_events is not null)
        {
            await _events.ConfigureAwait(false);
        }

        await StopModulesAsync().ConfigureAwait(false);

        if (_sip is not null)
        {
            await _sip.DisposeAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private IReadOnlyList<CardPort> CardPorts => _card?.Ports() ?? [];

    // Only card ports reach the card, and a box without a card has none: the router and the
    // module table keep every other port number away from here.
    private TelephonyCard Card => _card ?? throw new InvalidOperationException("The gateway has no card.");

    private List<TrunkPortStatus> PortStatuses() => [.. CardPorts.Select(p => new TrunkPortStatus(
        p.Port,
        p.Name,
        p.Kind,
        _router.GroupOfPort(p.Port)?.Name,
        p.Channels,
        p.BusyChannels,
        p.Alarms)), .. ModuleStatuses()];

    private async Task PumpCardEventsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var e in Card.Events.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                _mailbox.Post(() => OnCardEventAsync(e));
            }
        }
        catch (OperationCanceledException)
        {
            // The gateway is stopping.
        }
    }

    private async ValueTask OnCardEventAsync(CardEvent e)
    {
        _byChannel.TryGetValue((e.Port, e.Channel), out var leg);
        _callerIdWaits.TryGetValue((e.Port, e.Channel), out var wait);
        switch (e.Kind)
        {
            case CardEventKind.Incoming when Card.Port(e.Port) is { Kind: PortKind.Fxo } fxo
                && _options.FxoCallerId != CallerIdSignals.None:
                WaitForCallerId(e, fxo);
                break;
            case CardEventKind.Incoming:
                await OfferInboundAsync(e).ConfigureAwait(false);
                break;
            case CardEventKind.Ring when wait is not null:
                await PollCallerIdAsync((e.Port, e.Channel), ring: true).ConfigureAwait(false);
                break;
            case CardEventKind.Hangup when wait is not null:
                await CallerGaveUpAsync((e.Port, e.Channel), wait).ConfigureAwait(false);
                break;
            case CardEventKind.Answered when leg is { State: PstnLegState.OutboundDialling }:
                await AnswerOutboundAsync(leg).ConfigureAwait(false);
                break;
            case CardEventKind.Digit when leg is { State: PstnLegState.Connected }:
                leg.Rtp.SendDtmf(e.Digit);
                break;
            case CardEventKind.Hangup or CardEventKind.Restart when leg is not null:
                var cause = LineCause(e);
                _log.Information(
                    "PSTN call {CallId} on port {Port} channel {Channel} cleared by the line with cause {Cause}",
                    leg.CallId,
                    e.Port,
                    e.Channel,
                    cause);
                await EndLegAsync(leg, cause, sendBye: true, lineGone: true).ConfigureAwait(false);
                break;
            case CardEventKind.Alarm:
                LogAlarm(e);
                break;
        }
    }

    /// <summary>
    /// The Q.850 cause a line's clearing stands for. A RESTART (Q.931 §5.5) carries no cause: the
    /// exchange took the channel back, which is a temporary failure, not the caller's choice. A
    /// clear without a valid cause (1-127) is taken as normal clearing.
    /// </summary>
    private static int LineCause(CardEvent e) => e.Kind == CardEventKind.Restart ? IsdnCauseMapping.TemporaryFailure
        : e.Cause is >= 1 and <= 127 ? e.Cause
        : IsdnCauseMapping.NormalClearing;

    private void LogAlarm(CardEvent e)
    {
        if (e.Alarms == PortAlarms.None)
        {
            _log.Information("Trunk port {Port} is in service", e.Port);
        }
        else
        {
            _log.Warning("Trunk port {Port} is in alarm: {Alarms}", e.Port, e.Alarms);
        }
    }

    private ValueTask OfferInboundAsync(CardEvent e)
    {
        var port = Card.Port(e.Port);
        return OfferInboundAsync(e, port.Name, new CardChannelAudio(Card, e.Port, e.Channel, port.Law));
    }

    private async ValueTask OfferInboundAsync(CardEvent e, string portName, ITrunkAudio audio)
    {
        // A line with a DID of its own (an FXO or GSM line, Pstn:LineDid) takes it whatever number
        // the line hands over, which on a mobile line is the SIM's own number, not a DID.
        var did = _options.PortDids.TryGetValue(e.Port, out var portDid) ? portDid
            : e.Called.Digits;
        var target = _options.Target;
        if (!_targetUp && _options.LocalFallback is not null)
        {
            target = _options.LocalFallback;
            did = _options.LocalFallbackDid ?? did;
            _log.Warning("Target {Target} does not answer; PSTN call takes the local fallback {Fallback}",
                _options.Target, target);
        }

        if (did.Length == 0 || !TryOpenRtp(out var rtp))
        {
            _log.Warning(
                "PSTN call on port {Port} channel {Channel} refused: no DID or no RTP port",
                e.Port,
                e.Channel);
            TryHangup(e.Port, e.Channel, did.Length == 0 ? 1 : IsdnCauseMapping.TemporaryFailure);
            return;
        }

        var callId = string.Create(CultureInfo.InvariantCulture, $"{Guid.NewGuid():N}@pstn");
        var leg = new PstnLeg(e.Port, e.Channel, callId, rtp, audio);
        var sessionId = (ulong)_time.GetUtcNow().ToUnixTimeMilliseconds();
        var sdp = SdpNegotiator.CreateOffer(
            _options.MediaAddress, rtp.LocalPort, sessionId, codecs: CardCodecs);
        leg.Offer = new PstnOffer(did, e.Calling, portName, sdp);
        Track(leg);
        SendInboundInvite(leg, did, target);
        _log.Information(
            "PSTN call {CallId} from {Caller} to {Did} on {PortName} channel {Channel} handed to {Target}",
            callId,
            e.Calling.IsRestricted ? "(restricted)" : e.Calling.Digits,
            did,
            portName,
            e.Channel,
            target);
    }

    private async ValueTask InboundAnsweredAsync(
        PstnLeg leg,
        SipClientTransaction transaction,
        SipResponse? response,
        IPEndPoint target)
    {
        var superseded = leg.Transaction != transaction;
        if ((leg.State == PstnLegState.Ended || superseded) && response is { IsSuccess: true })
        {
            // RFC 3261 §15: the line cleared (or the call moved to the local fallback) while the
            // INVITE was out, and the 2xx crossed our CANCEL or came before any provisional let it
            // go: the call is confirmed, then ended.
            var late = SipDialog.CreateUac(transaction.Request, response, target);
            await _sip!.SendAckAsync(late.CreateAck(response), target).ConfigureAwait(false);
            _ = _sip.SendRequest(late.CreateRequest("BYE"), target);
            _log.Information("PSTN call {CallId} was answered by {Target} after it left there; ended with BYE",
                leg.CallId, target);
            return;
        }

        if (superseded || leg.State != PstnLegState.Inviting)
        {
            return;
        }

        leg.StopUpstreamWait();
        if (IsUpstreamFailure(response) && CanFallBack(target))
        {
            await FallBackAsync(leg, response is null ? "gave no final response" : "answered "
                + response.StatusCode.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
            return;
        }

        if (response is null || response.StatusCode >= 300)
        {
            int cause = response is null ? 102 : IsdnCauseMapping.ToCause(response.StatusCode);
            _log.Information("PSTN call {CallId} refused by SIP with {Status}; line cleared with cause {Cause}",
                leg.CallId, response?.StatusCode ?? 408, cause);
            await EndLegAsync(leg, cause, sendBye: false).ConfigureAwait(false);
            return;
        }

        // RFC 3261 §13.2.2.4: the UAC acknowledges every 2xx itself.
        leg.Dialog = SipDialog.CreateUac(leg.Invite!, response, target);
        await _sip!.SendAckAsync(leg.Dialog.CreateAck(response), target).ConfigureAwait(false);
        if (!TryConfigureMedia(leg, response.Body))
        {
            await EndLegAsync(leg, 65, sendBye: true).ConfigureAwait(false);
            return;
        }

        if (_modulesByPort.TryGetValue(leg.Port, out var module))
        {
            AnswerModule(leg, module);
            return;
        }

        try
        {
            Card.Answer(leg.Port, leg.Channel);
        }
        catch (CardException ex) when (ex.Status == CardStatus.WrongState)
        {
            // The caller cleared while the box answered; the card's hang-up event is still queued.
            _log.Information("PSTN call {CallId} was cleared by the line before it could be answered",
                leg.CallId);
            await EndLegAsync(leg, IsdnCauseMapping.NormalClearing, sendBye: true, lineGone: true)
                .ConfigureAwait(false);
            return;
        }
        catch (CardException ex)
        {
            _log.Warning(ex, "PSTN call {CallId} could not be answered on the line", leg.CallId);
            await EndLegAsync(leg, IsdnCauseMapping.NormalClearing, sendBye: true, lineGone: true)
                .ConfigureAwait(false);
            return;
        }

        Connect(leg);
    }

    private async ValueTask OnRequestAsync(SipServerTransaction transaction)
    {
        var request = transaction.Request;
        switch (request.Method)
        {
            case "BYE" when request.CallId is { } id && _bridges.TryGetValue(id, out var bridge):
                await ByeOnBridgeAsync(transaction, bridge).ConfigureAwait(false);
                break;
            case "BYE" when request.CallId is { } id && _byCallId.TryGetValue(id, out var leg):
                await transaction.SendResponseAsync(request.CreateResponse(200, "OK")).ConfigureAwait(false);
                _log.Information("PSTN call {CallId} hung up from the SIP side", leg.CallId);
                await EndLegAsync(leg, IsdnCauseMapping.NormalClearing, sendBye: false).ConfigureAwait(false);
                break;
            case "INVITE" when request.CallId is { } id && !_byCallId.ContainsKey(id) && !_bridges.ContainsKey(id):
                await RouteOutboundAsync(transaction, new HashSet<string>(StringComparer.Ordinal))
                    .ConfigureAwait(false);
                break;
            case "OPTIONS":
                await transaction.SendResponseAsync(request.CreateResponse(200, "OK")).ConfigureAwait(false);
                break;
            default:
                await transaction.SendResponseAsync(request.CreateResponse(481, "Call/Transaction Does Not Exist"))
                    .ConfigureAwait(false);
                break;
        }
    }

    /// <summary>
    /// The box cancelled an outbound call before it was answered (RFC 3261 §9.2): a call ringing
    /// at a carrier is cancelled there too; a card channel or module still dialling is cleared
    /// with normal clearing (Q.850 cause 16, what RFC 3398 maps a caller's abandon to) and the
    /// INVITE answered 487.
    /// </summary>
    private async ValueTask OnInviteCancelledAsync(SipServerTransaction invite)
    {
        var callId = invite.Request.CallId;
        if (callId is null || invite.IsCompleted)
        {
            return;
        }

        if (_bridges.TryGetValue(callId, out var bridge) && bridge.Inbound == invite)
        {
            await CancelBridgeAsync(invite, bridge).ConfigureAwait(false);
            return;
        }

        if (_byCallId.TryGetValue(callId, out var leg) && leg.State == PstnLegState.OutboundDialling)
        {
            await invite.SendResponseAsync(invite.Request.CreateResponse(487, "Request Terminated",
                SipTransactionLayer.NewTag())).ConfigureAwait(false);
            _log.Information("Outbound call {CallId} on port {Port} channel {Channel} cancelled before the answer",
                leg.CallId, leg.Port, leg.Channel);
            await EndLegAsync(leg, IsdnCauseMapping.NormalClearing, sendBye: false).ConfigureAwait(false);
        }
    }

    private async ValueTask RouteOutboundAsync(SipServerTransaction transaction, IReadOnlySet<string> failed)
    {
        var request = transaction.Request;

        // RFC 3261 §19.1.2: the user part may escape any character, # always (§25.1).
        var number = request.RequestUri.DecodedUser ?? string.Empty;
        if (OutboundNumber.Problem(number) is { } problem)
        {
            await RefuseNumberAsync(transaction, number, problem).ConfigureAwait(false);
            return;
        }

        if (!_router.TryChoose(number, PortStatuses(), SipTrunkUp, failed, out var choice, out var skipped))
        {
            _log.Warning("Outbound call to {Number} has no trunk: {Skipped}", number, string.Join("; ", skipped));
            await transaction.SendResponseAsync(request.CreateResponse(503, "Service Unavailable",
                SipTransactionLayer.NewTag())).ConfigureAwait(false);
            return;
        }

        if (choice.Port is not { } portNumber)
        {
            await ForwardToSipTrunkAsync(transaction, choice, OutboundNumber.ForSipUser(number), failed)
                .ConfigureAwait(false);
            return;
        }

        _modulesByPort.TryGetValue(portNumber, out var module);
        var kind = module is null ? Card.Port(portNumber).Kind : PortKind.Gsm;
        if (OutboundNumber.ProblemOn(number, kind) is { } lineProblem)
        {
            await RefuseNumberAsync(transaction, number, lineProblem).ConfigureAwait(false);
            return;
        }

        var offerText = Encoding.UTF8.GetString(request.Body.Span);
        if (!SdpSession.TryParse(offerText, out var offer, out _) || !TryOpenRtp(out var rtp))
        {
            await transaction.SendResponseAsync(request.CreateResponse(488, "Not Acceptable Here",
                SipTransactionLayer.NewTag())).ConfigureAwait(false);
            return;
        }

        int channel = 1;
        ITrunkAudio audio;
        var portName = PortName(portNumber);
        try
        {
            if (module is not null)
            {
                audio = new GsmLineAudio(module.Voice);
            }
            else
            {
                channel = Card.Dial(portNumber, null, CallerOf(request), OutboundNumber.ForCard(number));
                audio = new CardChannelAudio(Card, portNumber, channel, Card.Port(portNumber).Law);
            }
        }
        catch (Exception ex) when (ex is CardException or ArgumentException)
        {
            _log.Warning("Outbound call to {Number} could not be dialled on {PortName}: {Reason}", number, portName,
                ex.Message);
            await rtp.DisposeAsync().ConfigureAwait(false);
            await transaction.SendResponseAsync(request.CreateResponse(503, "Service Unavailable",
                SipTransactionLayer.NewTag())).ConfigureAwait(false);
            return;
        }

        var leg = new PstnLeg(portNumber, channel, request.CallId!, rtp, audio)
        {
            State = PstnLegState.OutboundDialling,
            InboundInvite = transaction,
        };
        Track(leg);
        var sessionId = (ulong)_time.GetUtcNow().ToUnixTimeMilliseconds();
        if (!SdpNegotiator.TryAnswer(offer!, _options.MediaAddress, rtp.LocalPort, sessionId, out var answer,
                out var media, out _, codecs: CardCodecs))
        {
            await EndLegAsync(leg, 65, sendBye: false).ConfigureAwait(false);
            return;
        }

        SdpCodecs.Configure(leg.Rtp, media);
        leg.Invite = request;
        _pendingAnswers[leg.CallId] = answer!.ToString();
        await transaction.SendResponseAsync(request.CreateResponse(100, "Trying")).ConfigureAwait(false);
        if (module is not null)
        {
            DialModule(leg, module, number);
        }

        _log.Information(
            "Outbound call {CallId} to {Number} dialled on trunk group {Group} port {PortName} channel {Channel}"
            + " after passing {Skipped}",
            leg.CallId,
            number,
            choice.Group.Name,
            portName,
            channel,
            skipped.Count == 0 ? "nothing" : string.Join("; ", choice.Skipped));
    }

    /// <summary>
    /// Turns away a number no trunk may dial as asked (RFC 3261 §21.4.22: 484 Address
    /// Incomplete), saying why in a Warning (§20.43, code 399 for a reason of the gateway's own).
    /// </summary>
    private async ValueTask RefuseNumberAsync(SipServerTransaction transaction, string number, string problem)
    {
        var request = transaction.Request;
        _log.Warning("Outbound call {CallId} to {Number} refused: {Problem}", request.CallId, number, problem);

        var response = request.CreateResponse(484, "Address Incomplete", SipTransactionLayer.NewTag());
        response.Headers.Add("Warning", $"399 sparklecc-pstn \"{problem}\"");
        await transaction.SendResponseAsync(response).ConfigureAwait(false);
    }

    private async ValueTask AnswerOutboundAsync(PstnLeg leg)
    {
        var request = leg.InboundInvite!.Request;
        var ok = request.CreateResponse(200, "OK", SipTransactionLayer.NewTag());
        ok.Headers.Add("Contact", $"<sip:pstn@{leg.InboundInvite.RemoteEndPoint.Address}:{SipEndPoint.Port}>");
        ok.Headers.Add("Content-Type", "application/sdp");
        ok.Headers.Add(TrunkHeader, TrunkLabel(leg));
        ok.Body = Encoding.UTF8.GetBytes(_pendingAnswers[leg.CallId]);
        _pendingAnswers.Remove(leg.CallId);
        leg.Dialog = SipDialog.CreateUas(request, ok, leg.InboundInvite.RemoteEndPoint);
        await leg.InboundInvite.SendResponseAsync(ok).ConfigureAwait(false);
        Connect(leg);
    }

    private void Connect(PstnLeg leg)
    {
        leg.State = PstnLegState.Connected;
        PrepareFxoAudio(leg);
        PrepareModuleAudio(leg);
        leg.Rtp.Source = leg.Audio;
        leg.Rtp.Sink = leg.Audio;
        PublishChannels();
        _log.Information("PSTN call {CallId} connected on port {Port} channel {Channel}", leg.CallId, leg.Port,
            leg.Channel);
    }

    private async ValueTask EndLegAsync(PstnLeg leg, int cause, bool sendBye, bool lineGone = false)
    {
        if (leg.State == PstnLegState.Ended)
        {
            return;
        }

        var wasState = leg.State;
        leg.State = PstnLegState.Ended;
        leg.StopUpstreamWait();
        if (!lineGone)
        {
            TryHangup(leg.Port, leg.Channel, cause);
        }

        // An inbound leg has its dialog from the 2xx on, before the line is answered and the leg
        // connected: a leg ended in between still owes the box a BYE.
        if (sendBye && leg.Dialog is not null)
        {
            _ = _sip!.SendRequest(leg.Dialog.CreateRequest("BYE"), leg.Dialog.RemoteEndPoint);
        }
        else if (wasState == PstnLegState.Inviting && leg.Transaction is not null)
        {
            await leg.Transaction.CancelAsync().ConfigureAwait(false);
        }
        else if (wasState == PstnLegState.OutboundDialling && leg.InboundInvite is { IsCompleted: false } invite)
        {
            var status = IsdnCauseMapping.ToSipStatus(cause);
            var refusal = invite.Request.CreateResponse(status, "PSTN " + cause.ToString(
                CultureInfo.InvariantCulture), SipTransactionLayer.NewTag());
            refusal.Headers.Add(Q850Reason.Header, Q850Reason.For(cause));
            await invite.SendResponseAsync(refusal).ConfigureAwait(false);
        }

        _byChannel.Remove((leg.Port, leg.Channel));
        _byCallId.Remove(leg.CallId);
        _pendingAnswers.Remove(leg.CallId);
        PublishChannels();
        leg.Rtp.Source = null;
        leg.Rtp.Sink = null;
        await leg.Rtp.DisposeAsync().ConfigureAwait(false);
    }

    private void Track(PstnLeg leg)
    {
        _byChannel[(leg.Port, leg.Channel)] = leg;
        _byCallId[leg.CallId] = leg;
        PublishChannels();
    }

    private void PublishChannels()
    {
        var names = CardPorts.ToDictionary(p => p.Port, p => p.Name);
        foreach (var (number, module) in _modulesByPort)
        {
            names[number] = module.Name;
        }

        var legs = _byChannel.Values
            .Where(l => l.State != PstnLegState.Ended)
            .Select(l => new TrunkChannelStatus(l.Port, names.GetValueOrDefault(l.Port, "?"), l.Channel,
                l.State switch
                {
                    PstnLegState.Connected => TrunkChannelState.Connected,
                    PstnLegState.OutboundDialling => TrunkChannelState.Dialling,
                    _ => TrunkChannelState.Ringing,
                },
                l.CallId));
        var waits = _callerIdWaits.Keys.Select(k => new TrunkChannelStatus(
            k.Port, names.GetValueOrDefault(k.Port, "?"), k.Channel, TrunkChannelState.Offered, null));
        _channels = [.. legs.Concat(waits).OrderBy(c => c.Port).ThenBy(c => c.Channel)];
    }

    private void TryHangup(int port, int channel, int cause)
    {
        if (_modulesByPort.TryGetValue(port, out var module))
        {
            HangupModule(module);
            return;
        }

        try
        {
            Card.Hangup(port, channel, cause);
        }
        catch (CardException ex) when (ex.Status == CardStatus.WrongState)
        {
            // The line cleared first.
        }
    }

    private bool TryOpenRtp(out RtpEndpoint rtp)
    {
        try
        {
            rtp = RtpEndpoint.Open(_options.MediaAddress, _rtpPorts, _clock, _log, _time);
            return true;
        }
        catch (InvalidOperationException ex)
        {
            _log.Error(ex, "PSTN gateway has no RTP port free");
            rtp = null!;
            return false;
        }
    }

    private static bool TryConfigureMedia(PstnLeg leg, ReadOnlyMemory<byte> body)
    {
        var text = Encoding.UTF8.GetString(body.Span);
        if (!SdpSession.TryParse(text, out var session, out _)
            || !SdpNegotiator.TryReadAnswer(session!, out var media, out _))
        {
            return false;
        }

        SdpCodecs.Configure(leg.Rtp, media);
        return true;
    }

    private SipRequest BuildInvite(
        string did,
        PhoneNumber calling,
        string callId,
        IPEndPoint target,
        string portName,
        int channel,
        SdpSession sdp)
    {
        var host = target.Address.ToString();
        var local = _transport!.LocalEndPoint;
        var invite = new SipRequest("INVITE", SipUri.Parse($"sip:{did}@{host}:{target.Port}"));
        invite.Headers.Add("Max-Forwards", "70");
        var tag = SipTransactionLayer.NewTag();
        // RFC 3966 §5.1.4: an international number is a global number, written with its "+".
        var caller = calling.Digits.Length == 0 ? "anonymous"
            : calling.Type == TypeOfNumber.International && !calling.Digits.StartsWith('+') ? "+" + calling.Digits
            : calling.Digits;
        if (calling.IsRestricted)
        {
            // RFC 3323 §4.1.1.3 and RFC 3325 §9.1: hide the number in From, assert it to the trusted box.
            invite.Headers.Add("From", $"\"Anonymous\" <sip:anonymous@anonymous.invalid>;tag={tag}");
            invite.Headers.Add("P-Asserted-Identity", $"<sip:{caller}@{local.Address}>");
            invite.Headers.Add("Privacy", "id");
        }
        else
        {
            invite.Headers.Add("From", $"<sip:{caller}@{local.Address}:{local.Port}>;tag={tag}");
        }

        invite.Headers.Add("To", $"<sip:{did}@{host}>");
        invite.Headers.Add("Call-ID", callId);
        invite.Headers.Add("CSeq", "1 INVITE");
        invite.Headers.Add("Contact", $"<sip:pstn@{local.Address}:{local.Port}>");
        invite.Headers.Add(TrunkHeader, $"{portName};channel={channel.ToString(CultureInfo.InvariantCulture)}");
        invite.Headers.Add("Content-Type", "application/sdp");
        invite.Body = Encoding.UTF8.GetBytes(sdp.ToString());
        return invite;
    }

    private string TrunkLabel(PstnLeg leg) =>
        string.Create(CultureInfo.InvariantCulture, $"{PortName(leg.Port)};channel={leg.Channel}");

    private string PortName(int port) =>
        _modulesByPort.TryGetValue(port, out var module) ? module.Name : Card.Port(port).Name;

    private static PhoneNumber CallerOf(SipRequest request)
    {
        // RFC 3261 §19.1.2: an escaped user part (%2B44...) is read unescaped.
        var user = request.From?.Uri.DecodedUser ?? string.Empty;
        var digits = Digits(user);
        return digits.Length == 0 ? PhoneNumber.Empty : new PhoneNumber(digits);
    }

    private static string Digits(string text)
    {
        var builder = new StringBuilder(PhoneNumber.MaxDigits);
        foreach (var c in text)
        {
            if ((char.IsAsciiDigit(c) || c is '*' or '#') && builder.Length < PhoneNumber.MaxDigits)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private void Qualify()
    {
        if (_sip is null || _stop.IsCancellationRequested)
        {
            return;
        }

        var target = _options.Target;
        QualifyOne(target, up =>
        {
            if (up != _targetUp)
            {
                _targetUp = up;
                if (up)
                {
                    _log.Information("Target {Target} answers OPTIONS again", target);
                }
                else
                {
                    _log.Warning("Target {Target} stopped answering OPTIONS", target);
                }
            }
        });
        QualifySipTrunks();
    }

    private void QualifyOne(IPEndPoint target, Action<bool> answered)
    {
        var options = new SipRequest("OPTIONS", SipUri.Parse($"sip:{target.Address}:{target.Port}"));
        var local = _transport!.LocalEndPoint;
        options.Headers.Add("Max-Forwards", "70");
        options.Headers.Add("From", $"<sip:pstn@{local.Address}:{local.Port}>;tag={SipTransactionLayer.NewTag()}");
        options.Headers.Add("To", $"<sip:{target.Address}:{target.Port}>");
        options.Headers.Add("Call-ID", string.Create(CultureInfo.InvariantCulture, $"{Guid.NewGuid():N}@pstn"));
        options.Headers.Add("CSeq", "1 OPTIONS");
        var transaction = _sip!.SendRequest(options, target);
        _ = Task.Run(async () =>
        {
            // RFC 3261 §11: any response shows the target alive; only a timeout counts as down.
            answered(await transaction.FinalResponse.ConfigureAwait(false) is not null);
        });
    }
}
