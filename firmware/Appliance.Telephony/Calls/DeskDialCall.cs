using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Appliance.Media.Engine;
using Appliance.Media.Mixing;
using Appliance.Sip.Dialogs;
using Appliance.Sip.Messages;
using Appliance.Sip.Registration;
using Appliance.Sip.Sdp;
using Appliance.Sip.Transactions;
using Appliance.Telephony.Events;
using Appliance.Telephony.Negotiation;
using Serilog;
using Serilog.Context;

namespace Appliance.Telephony.Calls;

/// <summary>
/// Click-to-dial from the agent's desktop: the box rings the agent's own phone first (showing
/// the number it is about to call), and once the agent answers rings that number's registered
/// phone and bridges the two. The agent is busy to the queues for the whole call. The wallboard's
/// listen, whisper and barge use the same first step: the supervisor's phone is rung and, on its
/// answer, joins the supervised call's mixer. An actor like <see cref="Call"/>: every entry point
/// posts to its mailbox and the state is touched there.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Reliability",
    "CA1001",
    Justification = "The bridge and the RTP endpoints are closed when the call ends, on its own mailbox.")]
internal sealed class DeskDialCall
{
    private readonly CallServices _services;
    private readonly ConcurrentDictionary<string, DeskDialCall> _registry;
    private readonly CallMailbox _mailbox;
    private readonly ILogger _log;
    private readonly string _agentId;
    private readonly string _number;
    private readonly string _advertised;

    private DeskDialLeg? _agent;
    private DeskDialLeg? _called;
    private MediaBridge? _bridge;
    private bool _talked;
    private bool _ended;

    // Supervision from the wallboard: the call to join and how; the mixer once joined.
    private readonly Call? _supervised;
    private readonly MixRole _role;
    private MediaMixer? _supervisedMixer;

    public DeskDialCall(
        CallServices services,
        ConcurrentDictionary<string, DeskDialCall> registry,
        string agentId,
        string number)
    {
        _services = services;
        _registry = registry;
        _agentId = agentId;
        _number = number;
        _advertised = services.Options.AdvertisedAddress.AddressFamily
            == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{services.Options.AdvertisedAddress}]"
            : services.Options.AdvertisedAddress.ToString();
        CallId = string.Create(CultureInfo.InvariantCulture, $"{Guid.NewGuid():N}@{_advertised}");
        _log = services.Log.ForContext(nameof(CallId), CallId).ForContext<DeskDialCall>();
        _mailbox = new CallMailbox(_log);
    }

    /// <summary>
    /// A supervisor's call from the wallboard: rings its phone, then joins <paramref name="supervised"/>.
    /// </summary>
    public DeskDialCall(
        CallServices services,
        ConcurrentDictionary<string, DeskDialCall> registry,
        string supervisorExtension,
        Call supervised,
        MixRole role)
        : this(services, registry, supervisorExtension, supervised.CallId)
    {
        _supervised = supervised;
        _role = role;
    }

    /// <summary>The extension whose phone the box rang first: the agent's, or the supervisor's.</summary>
    public string Extension => _agentId;

    /// <summary>
    /// True when this is <paramref name="extension"/>'s supervision of <paramref name="call"/>.
    /// </summary>
    public bool Supervises(Call call, string extension) =>
        ReferenceEquals(_supervised, call) && _agentId == extension && !Volatile.Read(ref _ended);

    /// <summary>The Call-ID of the leg to the agent's phone; the call's id on the floor.</summary>
    public string CallId { get; }

    /// <summary>Rings the agent's phone; <paramref name="done"/> gets the outcome once it rings.</summary>
    public void Start(Action<DeskCallOutcome> done) => Post(() =>
    {
        if (_supervised is null && (_services.Registrar.Lookup(_number).Count == 0 || _number == _agentId))
        {
            done(DeskCallOutcome.UnknownTarget);
            _mailbox.Close();
            return ValueTask.CompletedTask;
        }

        // A supervisor's phone shows what it is rung for rather than a number.
        _agent = Ring(_agentId, callerNumber: _supervised is null ? _number : "supervision", CallId);
        if (_agent is null)
        {
            done(DeskCallOutcome.Unavailable);
            _mailbox.Close();
            return ValueTask.CompletedTask;
        }

        _registry[CallId] = this;
        _services.Acd.AgentEngaged(_agentId);
        if (_supervised is not null)
        {
            _log.Information(
                "Supervision {CallId}: ringing {Supervisor} to {Role} call {Supervised}",
                CallId,
                _agentId,
                _role,
                _supervised.CallId);
            done(DeskCallOutcome.Done);
            return ValueTask.CompletedTask;
        }

        _log.Information(
            "Click-to-dial {CallId}: ringing agent {Agent} to call {Number}",
            CallId,
            _agentId,
            _number);
        Publish(CallEventKind.Offered);
        done(DeskCallOutcome.Done);
        return ValueTask.CompletedTask;
    });

    /// <summary>A BYE in the agent's or the called phone's dialog.</summary>
    public void ByeReceived(SipServerTransaction bye) => Post(async () =>
    {
        var request = bye.Request;
        var leg = request.CallId == _agent?.CallId ? _agent
            : request.CallId == _called?.CallId ? _called
            : null;
        if (leg?.Dialog is null || !leg.Dialog.TryAcceptRemoteCSeq(request))
        {
            await bye.SendResponseAsync(request.CreateResponse(481, "Call/Transaction Does Not Exist"))
                .ConfigureAwait(false);
            return;
        }

        await bye.SendResponseAsync(request.CreateResponse(200, "OK")).ConfigureAwait(false);
        leg.Dialog = null;
        _log.Information(
            "Click-to-dial {CallId}: {Side} hung up",
            CallId,
            leg == _agent ? "agent " + _agentId : _number);
        await EndAsync().ConfigureAwait(false);
    });

    /// <summary>A 2xx came again on one of our INVITEs: our ACK was lost, so send it again.</summary>
    public void OkRetransmitted(SipResponse ok) => Post(async () =>
    {
        var leg = ok.CallId == _agent?.CallId ? _agent : ok.CallId == _called?.CallId ? _called : null;
        if (leg?.Ack is not null)
        {
            await _services.Sip.Transport.SendAsync(leg.Ack, leg.Destination).ConfigureAwait(false);
        }
    });

    /// <summary>Hangs up (or cancels) both phones: the desktop's hang-up or the box shutting down.</summary>
    public void HangUp() => Post(EndAsync);

    private void Post(Func<ValueTask> work) => _mailbox.Post(async () =>
    {
        using (LogContext.PushProperty("CallId", CallId))
        {
            await work().ConfigureAwait(false);
        }
    });

    private DeskDialLeg? Ring(string extension, string callerNumber, string callId)
    {
        var bindings = _services.Registrar.Lookup(extension);
        if (bindings.Count == 0 || !TryOpenRtp(out var rtp))
        {
            return null;
        }

        var binding = bindings[0];
        var destination = Call.DestinationOf(binding);
        var sessionId = (ulong)_services.Time.GetUtcNow().ToUnixTimeMilliseconds();
        var sdp = SdpNegotiator.CreateOffer(_services.Options.AdvertisedAddress, rtp.LocalPort, sessionId);
        var invite = BuildInvite(binding, callerNumber, callId, sdp);
        var transaction = _services.Sip.SendRequest(invite, destination);
        var leg = new DeskDialLeg(invite, transaction, rtp, destination);
        _ = AwaitAnswerAsync(leg);
        return leg;
    }

    private async Task AwaitAnswerAsync(DeskDialLeg leg)
    {
        var response = await leg.Transaction.FinalResponse.ConfigureAwait(false);
        Post(async () =>
        {
            try
            {
                await AnsweredAsync(leg, response).ConfigureAwait(false);
            }
            finally
            {
                leg.Handled.TrySetResult();
            }
        });
    }

    private async ValueTask AnsweredAsync(DeskDialLeg leg, SipResponse? response)
    {
        leg.Ringing = false;
        if (_ended && response is { StatusCode: < 300 })
        {
            // The answer crossed our CANCEL: the dialog exists now and is closed at once.
            var late = SipDialog.CreateUac(leg.Invite, response, leg.Destination);
            leg.Ack = late.CreateAck(response);
            await _services.Sip.Transport.SendAsync(leg.Ack, leg.Destination).ConfigureAwait(false);
            _ = _services.Sip.SendRequest(late.CreateRequest("BYE"), late.RemoteEndPoint);
            return;
        }

        if (response is null || response.StatusCode >= 300)
        {
            _log.Information(
                "Click-to-dial {CallId}: {Side} did not answer ({Status})",
                CallId,
                leg == _agent ? "agent " + _agentId : _number,
                response?.StatusCode ?? 408);
            await EndAsync().ConfigureAwait(false);
            return;
        }

        // RFC 3261 §13.2.2.4: the UAC core acknowledges every 2xx itself.
        leg.Dialog = SipDialog.CreateUac(leg.Invite, response, leg.Destination);
        leg.Ack = leg.Dialog.CreateAck(response);
        await _services.Sip.Transport.SendAsync(leg.Ack, leg.Destination).ConfigureAwait(false);
        var answer = Encoding.UTF8.GetString(response.Body.Span);
        if (_ended || !SdpSession.TryParse(answer, out var session, out _)
            || !SdpNegotiator.TryReadAnswer(session!, out var media, out _))
        {
            await EndAsync().ConfigureAwait(false);
            return;
        }

        SdpCodecs.Configure(leg.Rtp, media);
        if (leg == _agent)
        {
            await AgentAnsweredAsync().ConfigureAwait(false);
            return;
        }

        _bridge = new MediaBridge(_agent!.Rtp, leg.Rtp, _services.Clock, recorder: null);
        _talked = true;
        _log.Information("Click-to-dial {CallId}: {Number} answered agent {Agent}", CallId, _number, _agentId);
        Publish(CallEventKind.Answered);
    }

    /// <summary>On this call's mailbox: the supervised call let the supervisor's leg into its mixer.</summary>
    internal void DeskSupervisionStarted(MediaMixer mixer) => Post(() =>
    {
        if (_ended)
        {
            mixer.Leave(_agent!.Rtp);
            return ValueTask.CompletedTask;
        }

        _supervisedMixer = mixer;
        return ValueTask.CompletedTask;
    });

    /// <summary>On this call's mailbox: the supervised call refused the supervisor or is over.</summary>
    internal void DeskSupervisionEnded() => Post(EndAsync);

    private async ValueTask AgentAnsweredAsync()
    {
        if (_supervised is not null)
        {
            _log.Information("Supervision {CallId}: {Supervisor} answered", CallId, _agentId);
            _supervised.AdmitDeskSupervisor(this, _agent!.Rtp, _role);
            return;
        }

        // The called phone sees the agent's extension as the caller.
        var callId = string.Create(CultureInfo.InvariantCulture, $"{Guid.NewGuid():N}@{_advertised}");
        _called = Ring(_number, callerNumber: _agentId, callId);
        if (_called is null)
        {
            _log.Information("Click-to-dial {CallId}: {Number} cannot be rung now", CallId, _number);
            await EndAsync().ConfigureAwait(false);
            return;
        }

        _registry[_called.CallId] = this;
        _log.Information(
            "Click-to-dial {CallId}: agent {Agent} answered; ringing {Number}",
            CallId,
            _agentId,
            _number);
    }

    private async ValueTask EndAsync()
    {
        if (_ended)
        {
            return;
        }

        Volatile.Write(ref _ended, true);
        _bridge?.Dispose();
        _bridge = null;
        if (_supervised is not null && _agent is not null)
        {
            // The mixer is thread-safe: the leg leaves it before its RTP endpoint closes.
            _supervisedMixer?.Leave(_agent.Rtp);
            _supervisedMixer = null;
            _supervised.DeskSupervisorLeft(this);
        }

        foreach (var leg in new[] { _agent, _called })
        {
            if (leg is null)
            {
                continue;
            }

            if (leg.Ringing)
            {
                // RFC 3261 §9.1: a ringing INVITE is cancelled; a 2xx crossing it is BYEd above.
                await leg.Transaction.CancelAsync().ConfigureAwait(false);
            }
            else if (leg.Dialog is { } dialog)
            {
                _ = _services.Sip.SendRequest(dialog.CreateRequest("BYE"), dialog.RemoteEndPoint);
                leg.Dialog = null;
            }

            await leg.Rtp.DisposeAsync().ConfigureAwait(false);
        }

        _services.Acd.AgentReleased(_agentId);
        if (_supervised is null)
        {
            Publish(CallEventKind.Ended);
        }

        _log.Information(
            "Desk call {CallId} of {Extension} ({Number}) ended",
            CallId,
            _agentId,
            _supervised is null ? _number : "supervision");
        _ = ForgetWhenAnsweredAsync();
    }

    /// <summary>
    /// Keeps the call findable until both INVITEs have had their final response handled, so a
    /// 2xx that crossed our CANCEL still reaches <see cref="AnsweredAsync"/> and gets its BYE.
    /// </summary>
    private async Task ForgetWhenAnsweredAsync()
    {
        var legs = new[] { _agent, _called }.OfType<DeskDialLeg>().ToArray();
        foreach (var leg in legs)
        {
            await leg.Handled.Task.ConfigureAwait(false);
        }

        foreach (var leg in legs)
        {
            _registry.TryRemove(leg.CallId, out _);
        }

        Post(() =>
        {
            _mailbox.Close();
            return ValueTask.CompletedTask;
        });
    }

    private void Publish(CallEventKind kind) => _services.Events?.Publish(new CallEvent(
        kind,
        CallId,
        _number,
        Did: string.Empty,
        IvrChoice: null,
        Queue: null,
        _agentId,
        Disposition: kind == CallEventKind.Ended ? (_talked ? "answered" : "failed") : null,
        _services.Time.GetUtcNow()));

    private SipRequest BuildInvite(SipBinding binding, string callerNumber, string callId, SdpSession sdp)
    {
        var local = _services.Sip.LocalEndPoint;
        var invite = new SipRequest("INVITE", binding.Contact);
        invite.Headers.Add("Max-Forwards", "70");
        invite.Headers.Add(
            "From",
            $"\"{callerNumber}\" <sip:{callerNumber}@{_advertised}>;tag={SipTransactionLayer.NewTag()}");
        invite.Headers.Add("To", $"<sip:{binding.User}@{_advertised}>");
        invite.Headers.Add("Call-ID", callId);
        invite.Headers.Add("CSeq", "1 INVITE");
        invite.Headers.Add(
            "Contact",
            string.Create(CultureInfo.InvariantCulture, $"<sip:{_advertised}:{local.Port}>"));
        invite.Headers.Add("Allow", SipMethods.Allowed);
        invite.Headers.Add("Content-Type", "application/sdp");
        invite.Body = Encoding.UTF8.GetBytes(sdp.ToString());
        return invite;
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
            _log.Error(ex, "Click-to-dial {CallId}: no RTP port free", CallId);
            rtp = null!;
            return false;
        }
    }

    /// <summary>One of the two phones the box rings.</summary>
    private sealed class DeskDialLeg(
        SipRequest invite,
        SipClientTransaction transaction,
        RtpEndpoint rtp,
        IPEndPoint destination)
    {
        public SipRequest Invite { get; } = invite;

        public string CallId => Invite.CallId!;

        public SipClientTransaction Transaction { get; } = transaction;

        public RtpEndpoint Rtp { get; } = rtp;

        public IPEndPoint Destination { get; } = destination;

        public bool Ringing { get; set; } = true;

        /// <summary>Completes once the final response of the INVITE has been handled on the mailbox.</summary>
        public TaskCompletionSource Handled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public SipDialog? Dialog { get; set; }

        public SipRequest? Ack { get; set; }
    }
}
