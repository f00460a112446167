using System.Globalization;
using System.Net;
using System.Text;
using Appliance.CallCenter.Dialer;
using Appliance.Media.Audio;
using Appliance.Media.Codecs;
using Appliance.Media.Detection;
using Appliance.Media.Engine;
using Appliance.Media.Jitter;
using Appliance.Sip.Dialogs;
using Appliance.Sip.Messages;
using Appliance.Sip.Registration;
using Appliance.Sip.Sdp;
using Appliance.Sip.Transactions;
using Appliance.Telephony.Calls;
using Appliance.Telephony.Negotiation;
using Appliance.Telephony.Trunks;
using Serilog;
using Serilog.Context;

namespace Appliance.Telephony.Campaigns;

/// <summary>
/// One campaign call: the leg to the contact over the SIP trunk, then either the leg to the
/// agent the dialler chose, bridged and recorded, or the abandon message. An actor like
/// <see cref="Call"/>: every entry point posts to its mailbox, and the state below is touched
/// only there. It reports to its <see cref="CampaignDialer"/>, which talks to the controller.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Reliability",
    "CA1001",
    Justification = "The timer and bridge are disposed when the call ends, on the call's own mailbox.")]
internal sealed class OutboundCampaignCall
{
    private readonly CallServices _services;
    private readonly CampaignDialer _dialer;
    private readonly OutboundCallRegistry _registry;
    private readonly DialRequest _request;
    private readonly IReadOnlyList<IPEndPoint> _routes;
    private readonly TimeSpan _ringLimit;
    private readonly CallMailbox _mailbox;
    private readonly ILogger _log;
    private readonly DateTimeOffset _dialedUtc;

    // The answering-machine detector decides by 5 s of audio; 1 s more covers a late first packet.
    private static readonly TimeSpan s_screenLimit = TimeSpan.FromSeconds(6);

    // The hold's timer fires just after it runs out, so the controller sees it expired.
    private static readonly TimeSpan s_holdSlack = TimeSpan.FromMilliseconds(20);

    private OutboundPhase _phase = OutboundPhase.Dialling;
    private RtpEndpoint? _contactRtp;
    private RoutedInvite? _contactTransaction;
    private SipDialog? _contactDialog;
    private SipRequest? _contactAck;
    private ITimer? _ringTimer;
    private bool _ringLimitReached;
    private bool _progressLogged;
    private DateTimeOffset? _answeredUtc;
    private AgentLeg? _agent;
    private MediaBridge? _bridge;
    private int _sipStatus;
    private string? _recordingFile;
    private CallResult? _earlyMediaResult;
    private bool _earlyMediaOpen;

    public OutboundCampaignCall(
        CallServices services,
        CampaignDialer dialer,
        OutboundCallRegistry registry,
        DialRequest request,
        IReadOnlyList<IPEndPoint> routes,
        TimeSpan ringLimit)
    {
        _services = services;
        _dialer = dialer;
        _registry = registry;
        _request = request;
        _routes = routes;
        _ringLimit = ringLimit;
        _dialedUtc = services.Time.GetUtcNow();
        SipCallId = string.Create(
            CultureInfo.InvariantCulture,
            $"{Guid.NewGuid():N}@{FormatHost(services.Options.AdvertisedAddress)}");
        _log = services.Log.ForContext("CallId", SipCallId).ForContext<OutboundCampaignCall>();
        _mailbox = new CallMailbox(_log);
    }

    /// <summary>The Call-ID of the leg to the contact; the attempt's id in the results table.</summary>
    public string SipCallId { get; }

    /// <summary>The dialler's id of the call.</summary>
    public string DialerCallId => _request.CallId;

    public DialRequest Request => _request;

    public DateTimeOffset DialedUtc => _dialedUtc;

    /// <summary>Completes once the call has ended and its mailbox has drained.</summary>
    public Task Completion => _mailbox.Completion;

    public void Start() => Post(DialAsync);

    /// <summary>A BYE in the contact's or the agent's dialog.</summary>
    public void ByeReceived(SipServerTransaction bye) => Post(async () =>
    {
        var request = bye.Request;
        var fromContact = request.CallId == SipCallId;
        var dialog = fromContact ? _contactDialog : _agent?.Dialog;
        if (dialog is null || !dialog.TryAcceptRemoteCSeq(request))
        {
            await bye.SendResponseAsync(request.CreateResponse(481, "Call/Transaction Does Not Exist"))
                .ConfigureAwait(false);
            return;
        }

        await bye.SendResponseAsync(request.CreateResponse(200, "OK")).ConfigureAwait(false);
        _log.Information(
            "Campaign call {CallId}: the {Side} hung up",
            SipCallId,
            fromContact ? "contact" : "agent");
        await EndAnsweredAsync(byeContact: !fromContact, byeAgent: fromContact).ConfigureAwait(false);
    });

    /// <summary>A 2xx came again on one of our INVITEs: our ACK was lost, so send it again.</summary>
    public void OkRetransmitted(SipResponse ok) => Post(async () =>
    {
        var (ack, destination) = ok.CallId == SipCallId
            ? (_contactAck, _contactTransaction?.Destination)
            : (_agent?.Ack, _agent?.Destination);
        if (ack is not null && destination is not null)
        {
            await _services.Sip.Transport.SendAsync(ack, destination).ConfigureAwait(false);
        }
    });

    /// <summary>The box is shutting down: cancel a ringing call, hang up an answered one.</summary>
    public void Shutdown() => Post(async () =>
    {
        if (_phase is OutboundPhase.Dialling && _contactTransaction is not null)
        {
            await _contactTransaction.CancelAsync().ConfigureAwait(false);
            return;
        }

        if (_phase is not OutboundPhase.Ended and not OutboundPhase.Dialling)
        {
            await EndAnsweredAsync(byeContact: true, byeAgent: true).ConfigureAwait(false);
        }
    });

    private void Post(Func<ValueTask> work) => _mailbox.Post(async () =>
    {
        using (LogContext.PushProperty("CallId", SipCallId))
        {
            await work().ConfigureAwait(false);
        }
    });

    private async ValueTask DialAsync()
    {
        if (!TryOpenRtp(out var rtp))
        {
            await FailAsync(CallResult.Failed, 503).ConfigureAwait(false);
            return;
        }

        _contactRtp = rtp;
        var sessionId = (ulong)_services.Time.GetUtcNow().ToUnixTimeMilliseconds();
        var sdp = SdpNegotiator.CreateOffer(_services.Options.AdvertisedAddress, rtp.LocalPort, sessionId);
        var routes = _services.RouteFailover.Usable(_routes);
        _registry.Add(SipCallId, this);
        var transaction = _services.RouteFailover.Send(
            _services.Sip,
            BuildContactInvite(sdp, routes[0]),
            routes,
            response => Post(() => ProgressReceived(response)),
            _log);
        _contactTransaction = transaction;
        _ringTimer = _services.Time.CreateTimer(
            _ => Post(RingLimitReachedAsync),
            null,
            _ringLimit,
            Timeout.InfiniteTimeSpan);
        _ = AwaitFinalAsync(transaction.FinalResponse, response => Post(() => ContactAnsweredAsync(response)));

        _log.Information(
            "Campaign {Campaign} dials contact {ContactId} at {Number} over {Destination} as {CallerId}",
            _dialer.Name,
            _request.ContactId,
            _request.PhoneNumber,
            routes[0],
            _request.CallerId);
    }

    private static async Task AwaitFinalAsync(Task<SipResponse?> final, Action<SipResponse?> then) =>
        then(await final.ConfigureAwait(false));

    private ValueTask ProgressReceived(SipResponse response)
    {
        if (!_progressLogged && response.StatusCode > 100)
        {
            _progressLogged = true;
            _log.Debug("Campaign call {CallId}: contact's network answered {Status}", SipCallId, response.StatusCode);
        }

        // RFC 3960 §3: a provisional response with SDP opens early media; the network's tones
        // there (busy, special information) are the call's progress when no final status says it.
        if (_phase == OutboundPhase.Dialling && !_earlyMediaOpen && !response.Body.IsEmpty
            && TryReadAnswer(response, out var media))
        {
            _earlyMediaOpen = true;
            ConfigureRtp(_contactRtp!, media);
            _contactRtp!.Sink = new EarlyMediaListener(tone => Post(() => EarlyMediaToneHeardAsync(tone)));
        }

        return ValueTask.CompletedTask;
    }

    private async ValueTask EarlyMediaToneHeardAsync(EarlyMediaTone tone)
    {
        if (_phase != OutboundPhase.Dialling || _contactTransaction is null || _earlyMediaResult is not null)
        {
            return;
        }

        _earlyMediaResult = tone == EarlyMediaTone.Busy ? CallResult.Busy : CallResult.Failed;
        _log.Information(
            "Campaign call {CallId}: early media carries {Tone}, cancelling as {Result}",
            SipCallId,
            tone,
            _earlyMediaResult);
        await _contactTransaction.CancelAsync().ConfigureAwait(false);
    }

    private async ValueTask RingLimitReachedAsync()
    {
        if (_phase != OutboundPhase.Dialling || _contactTransaction is null)
        {
            return;
        }

        // RFC 3261 §9.1: the CANCEL goes once a provisional response has come; the INVITE then
        // ends with 487, or with Timer B when the far end never answered at all.
        _ringLimitReached = true;
        _log.Information("Campaign call {CallId}: no answer within {RingLimit}, cancelling", SipCallId, _ringLimit);
        await _contactTransaction.CancelAsync().ConfigureAwait(false);
    }

    private async ValueTask ContactAnsweredAsync(SipResponse? response)
    {
        _ringTimer?.Dispose();
        _ringTimer = null;
        _sipStatus = response?.StatusCode ?? 408;
        if (response is null || response.StatusCode >= 300)
        {
            var result = _earlyMediaResult ?? ResultOf(_sipStatus, _ringLimitReached);
            _log.Information(
                "Campaign call {CallId} to contact {ContactId} ended {Result} (SIP {Status})",
                SipCallId,
                _request.ContactId,
                result,
                _sipStatus);
            await FailAsync(result, _sipStatus).ConfigureAwait(false);
            return;
        }

        // RFC 3261 §13.2.2.4: the UAC core acknowledges every 2xx itself.
        var destination = _contactTransaction!.Destination;
        _contactDialog = SipDialog.CreateUac(_contactTransaction.Request, response, destination);
        _contactAck = _contactDialog.CreateAck(response);
        await _services.Sip.Transport.SendAsync(_contactAck, destination).ConfigureAwait(false);
        _answeredUtc = _services.Time.GetUtcNow();

        if (!TryReadAnswer(response, out var media))
        {
            _log.Warning("Campaign call {CallId}: the contact's answer has no usable SDP", SipCallId);
            SendBye(_contactDialog);
            await FailAsync(CallResult.Failed, _sipStatus).ConfigureAwait(false);
            return;
        }

        _contactRtp!.Sink = null;
        ConfigureRtp(_contactRtp, media);
        if (_dialer.DetectsMachines)
        {
            StartMachineScreen();
            return;
        }

        await RouteAnsweredAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Listens to the first seconds after the answer before an agent is chosen; a detector that
    /// hears no RTP at all decides nothing, so a timer takes the call as a person after
    /// <see cref="s_screenLimit"/>.
    /// </summary>
    private void StartMachineScreen()
    {
        _phase = OutboundPhase.Screening;
        _contactRtp!.Sink = new MachineScreen(result => Post(() => ScreenedAsync(result)));
        _ringTimer = _services.Time.CreateTimer(
            _ => Post(() => ScreenedAsync(AnsweringMachineResult.NotSure)),
            null,
            s_screenLimit,
            Timeout.InfiniteTimeSpan);
    }

    private async ValueTask ScreenedAsync(AnsweringMachineResult result)
    {
        if (_phase != OutboundPhase.Screening)
        {
            return;
        }

        _ringTimer?.Dispose();
        _ringTimer = null;
        _contactRtp!.Sink = null;
        _log.Information("Campaign call {CallId}: the answer sounds like {Screened}", SipCallId, result);
        if (result == AnsweringMachineResult.Machine)
        {
            SendBye(_contactDialog!);
            await FailAsync(CallResult.Machine, _sipStatus).ConfigureAwait(false);
            return;
        }

        _phase = OutboundPhase.Dialling;
        await RouteAnsweredAsync().ConfigureAwait(false);
    }

    private async ValueTask RouteAnsweredAsync()
    {
        var routing = _dialer.ContactAnswered(this);
        if (routing is not { } route)
        {
            SendBye(_contactDialog!);
            await EndAsync().ConfigureAwait(false);
            return;
        }

        if (route.IsHeld)
        {
            // Ofcom and the US TSR count the call as abandoned only when no agent is connected
            // within 2 s of the answer: the contact hears silence meanwhile, and the controller
            // routes it (HeldRouted) as soon as an agent is free. Its own timer wakes it when the
            // hold runs out, in case nothing else happens.
            _phase = OutboundPhase.Held;
            _ringTimer = _services.Time.CreateTimer(
                _ => _dialer.HoldRanOut(),
                null,
                _dialer.AbandonHold + s_holdSlack,
                Timeout.InfiniteTimeSpan);
            _log.Information("Campaign call {CallId}: answered with no agent free, held up to {Hold}",
                SipCallId, _dialer.AbandonHold);
            return;
        }

        if (route.AgentId is null)
        {
            PlayAbandonMessage(route.AbandonPrompt ?? "abandon");
            return;
        }

        await RingAgentAsync(route.AgentId).ConfigureAwait(false);
    }

    /// <summary>
    /// The controller's outcome of the hold: an agent was freed within it, or it ran out and the
    /// call is abandoned. A contact who hung up meanwhile has already ended the call; an agent
    /// given to it is released again.
    /// </summary>
    public void HeldRouted(AnswerRouting routing) => Post(async () =>
    {
        if (_phase != OutboundPhase.Held)
        {
            if (routing.AgentId is { } lost)
            {
                _dialer.AgentLost(this, lost);
            }

            return;
        }

        _ringTimer?.Dispose();
        _ringTimer = null;
        if (routing.AgentId is not { } agent)
        {
            PlayAbandonMessage(routing.AbandonPrompt ?? _dialer.AbandonPrompt);
            return;
        }

        _log.Information("Campaign call {CallId}: agent {Agent} freed within the hold", SipCallId, agent);
        await RingAgentAsync(agent).ConfigureAwait(false);
    });

    /// <summary>
    /// 486/600 busy; 480, 408, 487 after our own CANCEL, and 603 (declined) no answer; anything
    /// else (404, 5xx, a trunk that does not answer) failed.
    /// </summary>
    internal static CallResult ResultOf(int status, bool ringLimitReached) =>
        OutboundInvite.CauseOf(status, ringLimitReached) switch
        {
            OutboundCause.Busy => CallResult.Busy,
            OutboundCause.NoAnswer => CallResult.NoAnswer,
            _ => CallResult.Failed,
        };

    private void PlayAbandonMessage(string prompt)
    {
        _phase = OutboundPhase.Abandoning;
        var player = new PromptPlayer();
        try
        {
            // A contact has chosen nothing yet: it hears the box's language.
            player.Enqueue(_services.Prompts.Get(prompt, _services.Language));
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            _log.Error(ex, "Campaign call {CallId}: abandon message {Prompt} cannot be played", SipCallId, prompt);
        }

        player.Completed += () => Post(async () =>
        {
            if (_phase != OutboundPhase.Abandoning)
            {
                return;
            }

            _log.Information("Campaign call {CallId}: abandon message played, hanging up", SipCallId);
            SendBye(_contactDialog!);
            _dialer.AttemptEnded(this, CallResult.Abandoned, _sipStatus, null, _answeredUtc);
            await EndAsync().ConfigureAwait(false);
        });
        _contactRtp!.Source = player;
        _log.Information("Campaign call {CallId}: answered with no agent free, playing {Prompt}", SipCallId, prompt);
    }

    private async ValueTask RingAgentAsync(string agentId)
    {
        _phase = OutboundPhase.RingingAgent;
        var bindings = _services.Registrar.Lookup(agentId);
        if (bindings.Count == 0 || !TryOpenRtp(out var rtp))
        {
            _log.Warning("Campaign call {CallId}: agent {Agent} cannot be rung", SipCallId, agentId);
            await AgentUnreachableAsync(agentId).ConfigureAwait(false);
            return;
        }

        var binding = bindings[0];
        var destination = DestinationOf(binding);
        var sessionId = (ulong)_services.Time.GetUtcNow().ToUnixTimeMilliseconds();
        var sdp = SdpNegotiator.CreateOffer(_services.Options.AdvertisedAddress, rtp.LocalPort, sessionId);
        var invite = BuildAgentInvite(binding, sdp);
        var transaction = _services.Sip.SendRequest(invite, destination);
        _agent = new AgentLeg(agentId, invite, transaction, rtp, destination) { SdpSessionId = sessionId };
        _registry.Add(_agent.CallId, this);
        _ = AwaitFinalAsync(_agent.FinalResponse, response => Post(() => AgentAnsweredAsync(response)));
        _log.Information("Campaign call {CallId}: ringing agent {Agent} at {Contact}", SipCallId, agentId, binding.Contact);
    }

    private async ValueTask AgentAnsweredAsync(SipResponse? response)
    {
        var leg = _agent!;
        if (response is null || response.StatusCode >= 300)
        {
            leg.State = AgentLegState.Ended;
            _log.Warning(
                "Campaign call {CallId}: agent {Agent} did not take the call ({Status})",
                SipCallId,
                leg.AgentId,
                response?.StatusCode ?? 408);
            await AgentUnreachableAsync(leg.AgentId).ConfigureAwait(false);
            return;
        }

        leg.Dialog = SipDialog.CreateUac(leg.Invite, response, leg.Destination);
        leg.Ack = leg.Dialog.CreateAck(response);
        await _services.Sip.Transport.SendAsync(leg.Ack, leg.Destination).ConfigureAwait(false);
        if (_phase != OutboundPhase.RingingAgent || !TryReadAnswer(response, out var media))
        {
            // The contact left while the agent's phone rang, or the phone's SDP is unusable.
            leg.State = AgentLegState.Connected;
            await EndAnsweredAsync(byeContact: true, byeAgent: true).ConfigureAwait(false);
            return;
        }

        ConfigureRtp(leg.Rtp, media);
        leg.State = AgentLegState.Connected;
        _phase = OutboundPhase.Bridged;
        _contactRtp!.Source = null;
        var recorder = _dialer.OpenRecorder(SipCallId, _dialedUtc, out var recordingFile);
        if (recorder is not null)
        {
            // A recorded bridge decodes both legs, in timestamp order (as inbound calls do).
            _contactRtp.JitterBuffer = new AdaptiveJitterBuffer(_services.Time);
            leg.Rtp.JitterBuffer = new AdaptiveJitterBuffer(_services.Time);
        }

        _bridge = new MediaBridge(_contactRtp, leg.Rtp, _services.Clock, recorder, _log);
        _recordingFile = recordingFile;
        _log.Information(
            "Campaign call {CallId} to contact {ContactId} bridged to agent {Agent}",
            SipCallId,
            _request.ContactId,
            leg.AgentId);
    }

    /// <summary>The agent could not be reached: the contact hears the abandon message instead.</summary>
    private ValueTask AgentUnreachableAsync(string agentId)
    {
        _dialer.AgentLost(this, agentId);
        PlayAbandonMessage(_dialer.AbandonPrompt);
        return ValueTask.CompletedTask;
    }

    private async ValueTask EndAnsweredAsync(bool byeContact, bool byeAgent)
    {
        if (_phase == OutboundPhase.Ended)
        {
            return;
        }

        var wasBridged = _phase == OutboundPhase.Bridged;
        var wasAbandoning = _phase == OutboundPhase.Abandoning;
        var wasScreening = _phase == OutboundPhase.Screening;
        var wasHeld = _phase == OutboundPhase.Held;
        if (byeContact && _contactDialog is not null)
        {
            SendBye(_contactDialog);
        }

        if (_agent is { } leg)
        {
            if (leg.State == AgentLegState.Ringing)
            {
                await leg.CancelInviteAsync().ConfigureAwait(false);
            }
            else if (leg.State == AgentLegState.Connected && byeAgent && leg.Dialog is not null)
            {
                SendBye(leg.Dialog);
            }
        }

        if (wasBridged)
        {
            _dialer.ConnectedCallEnded(this, _sipStatus, _agent!.AgentId, _answeredUtc, _recordingFile);
        }
        else if (wasScreening)
        {
            // The contact hung up before a person or a machine could be told apart.
            _dialer.AttemptEnded(this, CallResult.NoAnswer, _sipStatus, null, _answeredUtc);
        }
        else if (wasHeld)
        {
            // The contact gave up waiting for an agent: abandoned, as the rules count it.
            _dialer.HeldCallHungUp(this);
            _dialer.AttemptEnded(this, CallResult.Abandoned, _sipStatus, null, _answeredUtc);
        }
        else if (wasAbandoning)
        {
            _dialer.AttemptEnded(this, CallResult.Abandoned, _sipStatus, null, _answeredUtc);
        }
        else if (_agent is not null)
        {
            // The contact hung up while the agent's phone rang: a connected call of no length.
            _dialer.ConnectedCallEnded(this, _sipStatus, _agent.AgentId, _answeredUtc, null);
        }

        await EndAsync().ConfigureAwait(false);
    }

    private async ValueTask FailAsync(CallResult result, int status)
    {
        _dialer.AttemptEnded(this, result, status, null, null);
        await EndAsync().ConfigureAwait(false);
    }

    private async ValueTask EndAsync()
    {
        if (_phase == OutboundPhase.Ended)
        {
            return;
        }

        _phase = OutboundPhase.Ended;
        _ringTimer?.Dispose();
        _bridge?.Dispose();
        _bridge = null;
        if (_contactRtp is not null)
        {
            await _contactRtp.DisposeAsync().ConfigureAwait(false);
        }

        if (_agent is not null)
        {
            await _agent.Rtp.DisposeAsync().ConfigureAwait(false);
            _registry.Remove(_agent.CallId);
        }

        _registry.Remove(SipCallId);
        _mailbox.Close();
    }

    private void SendBye(SipDialog dialog)
    {
        var bye = dialog.CreateRequest("BYE");
        _ = _services.Sip.SendRequest(bye, dialog.RemoteEndPoint);
    }

    private SipRequest BuildContactInvite(SdpSession sdp, IPEndPoint destination) => OutboundInvite.Build(
        _request.PhoneNumber,
        destination,
        _request.CallerId,
        SipCallId,
        FormatHost(_services.Options.AdvertisedAddress),
        LocalContact(),
        sdp.ToString(),
        SipMethods.Allowed);

    private SipRequest BuildAgentInvite(SipBinding binding, SdpSession sdp)
    {
        var advertised = FormatHost(_services.Options.AdvertisedAddress);
        var callId = string.Create(CultureInfo.InvariantCulture, $"{Guid.NewGuid():N}@{advertised}");
        var number = _request.PhoneNumber;

        var invite = new SipRequest("INVITE", binding.Contact);
        invite.Headers.Add("Max-Forwards", "70");
        invite.Headers.Add(
            "From",
            $"\"{_dialer.Name}\" <sip:{number}@{advertised}>;tag={SipTransactionLayer.NewTag()}");
        invite.Headers.Add("To", $"<sip:{binding.User}@{advertised}>");
        invite.Headers.Add("Call-ID", callId);
        invite.Headers.Add("CSeq", "1 INVITE");
        invite.Headers.Add("Contact", LocalContact());
        invite.Headers.Add("Allow", SipMethods.Allowed);
        invite.Headers.Add("Content-Type", "application/sdp");
        invite.Body = Encoding.UTF8.GetBytes(sdp.ToString());
        return invite;
    }

    private static bool TryReadAnswer(SipResponse response, out NegotiatedMedia media)
    {
        media = default;
        var answer = Encoding.UTF8.GetString(response.Body.Span);
        return SdpSession.TryParse(answer, out var session, out _)
            && SdpNegotiator.TryReadAnswer(session!, out media, out _);
    }

    private static void ConfigureRtp(RtpEndpoint rtp, NegotiatedMedia media) => SdpCodecs.Configure(rtp, media);

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
            _log.Error(ex, "Campaign call {CallId}: no RTP port free", SipCallId);
            rtp = null!;
            return false;
        }
    }

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

    /// <summary>A registered phone's Contact, or its source address when it is behind a NAT.</summary>
    private static IPEndPoint DestinationOf(SipBinding binding)
    {
        var contactHost = binding.Contact.Host.Trim('[', ']');
        if (IPAddress.TryParse(contactHost, out var host) && host.Equals(binding.Source.Address))
        {
            return new IPEndPoint(host, binding.Contact.Port ?? 5060);
        }

        return binding.Source;
    }
}
