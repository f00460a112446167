using Serilog;

namespace Appliance.CallCenter.Dialer;

/// <summary>
/// Runs one campaign: keeps its agents and calls, asks pacing how many calls to place, takes
/// contacts from the <see cref="CampaignScheduler"/>, and turns telephony's reports into
/// results, retries and dispositions. Like the ACD it is an actor: one lock, every state change
/// inside it, events (<see cref="DialRequested"/>, <see cref="PreviewOffered"/>,
/// <see cref="StateChanged"/>) raised after it is released, in order, so handlers may call back in.
/// <para>
/// Pacing runs after every input. Nothing else wakes the campaign, so the host also calls
/// <see cref="Pace"/> on a timer (once a second is plenty) for retries, call-backs and calling
/// hours that come due while nothing happens.
/// </para>
/// <para>
/// A call-back booked for a named agent goes to that agent when it is ready at the moment the
/// call-back is dialled; otherwise it is placed like any paced call and goes to the next free
/// agent.
/// </para>
/// </summary>
public sealed class CampaignController
{
    private readonly Campaign _campaign;
    private readonly ContactList _contacts;
    private readonly CampaignScheduler _scheduler;
    private readonly IPacingStrategy _pacing;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, CampaignAgent> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CampaignCall> _calls = new(StringComparer.Ordinal);
    private readonly List<object> _outbox = [];
    private readonly List<AgentActivity> _busy = [];
    private readonly List<TimeSpan> _ringing = [];
    private readonly List<CampaignCall> _held = [];
    private readonly HashSet<string> _dispositionCodes;
    private CampaignState _state;
    private bool _pacingHeld;
    private long _callSeq;
    private int _dials, _connected, _abandoned, _machines, _busyResults, _noAnswer, _failed;
    private TimeSpan _talkTime;

    /// <summary>Builds the controller; pacing defaults to <see cref="Campaign.CreatePacing"/>.</summary>
    /// <exception cref="ArgumentException">The campaign's caller id is not a phone number, or it
    /// has no disposition code.</exception>
    public CampaignController(
        Campaign campaign,
        ContactList contacts,
        DoNotCallList doNotCall,
        TimeProvider time,
        ILogger log,
        IPacingStrategy? pacing = null)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(contacts);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(log);
        if (!PhoneNumber.TryNormalize(campaign.CallerId, out var callerId, out var reason))
        {
            throw new ArgumentException(
                $"Caller id '{campaign.CallerId}' of campaign {campaign.Name}: {reason}.",
                nameof(campaign));
        }

        if (campaign.DispositionCodes.Count == 0)
        {
            throw new ArgumentException(
                $"Campaign {campaign.Name} has no disposition code.",
                nameof(campaign));
        }

        _campaign = campaign;
        _contacts = contacts;
        _scheduler = new CampaignScheduler(contacts, doNotCall, campaign.CallingHours, campaign.Retry);
        _pacing = pacing ?? campaign.CreatePacing();
        _time = time;
        _log = log.ForContext("Campaign", campaign.Name);
        _dispositionCodes = new HashSet<string>(campaign.DispositionCodes, StringComparer.Ordinal);
        CallerId = callerId;
    }

    public event Action<DialRequest>? DialRequested;

    public event Action<PreviewOffer>? PreviewOffered;

    public event Action<CampaignState>? StateChanged;

    /// <summary>
    /// A call held by <see cref="CallAnswered"/> got its agent, or its hold ran out and it is
    /// abandoned (<see cref="AnswerRouting.IsAbandoned"/>). Raised from whichever input or
    /// <see cref="Pace"/> found it so; the host calls <see cref="Pace"/> when a hold runs out.
    /// </summary>
    public event Action<AnswerRouting>? HeldCallRouted;

    /// <summary>The campaign's caller id, normalised.</summary>
    public string CallerId { get; }

    public IPacingStrategy Pacing => _pacing;

    public CampaignState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    public CampaignProgress Progress
    {
        get
        {
            lock (_lock)
            {
                return new CampaignProgress
                {
                    State = _state,
                    ContactsTotal = _contacts.Count,
                    ContactsOpen = _scheduler.OpenCount,
                    Dials = _dials,
                    Connected = _connected,
                    Abandoned = _abandoned,
                    Machines = _machines,
                    Busy = _busyResults,
                    NoAnswer = _noAnswer,
                    Failed = _failed,
                    CallsInProgress = _calls.Values.Count(c => c.AnsweredUtc is null && c.HeldUtc is null),
                    AgentsReady = _agents.Values.Count(a => a.Phase is null),
                    AgentsTalking = _agents.Values.Count(a => a.Phase == AgentPhase.Talking),
                    AgentsWrappingUp = _agents.Values.Count(a => a.Phase == AgentPhase.WrappingUp),
                    TalkTime = _talkTime,
                };
            }
        }
    }

    /// <exception cref="InvalidOperationException">The campaign was already started.</exception>
    public void Start() => Transition(CampaignState.Running, CampaignState.NotStarted);

    /// <summary>Stops placing calls; previews not yet dialled are withdrawn.</summary>
    /// <exception cref="InvalidOperationException">The campaign is not running.</exception>
    public void Pause() => Transition(CampaignState.Paused, CampaignState.Running);

    /// <exception cref="InvalidOperationException">The campaign is not paused.</exception>
    public void Resume() => Transition(CampaignState.Running, CampaignState.Paused);

    /// <summary>Ends the campaign for good; calls in progress run to their end.</summary>
    /// <exception cref="InvalidOperationException">The campaign already stopped or finished.</exception>
    public void Stop()
        => Transition(
            CampaignState.Stopped,
            CampaignState.NotStarted,
            CampaignState.Running,
            CampaignState.Paused);

    /// <summary>The agent joins the campaign, ready for a call.</summary>
    /// <exception cref="InvalidOperationException">The agent is already logged in.</exception>
    public void AgentLoggedIn(string agentId)
    {
        ArgumentException.ThrowIfNullOrEmpty(agentId);
        lock (_lock)
        {
            if (!_agents.TryAdd(agentId, new CampaignAgent(agentId, Now)))
            {
                throw new InvalidOperationException(
                    $"Agent {agentId} is already in campaign {_campaign.Name}.");
            }

            _log.Information("Agent {Agent} joined campaign {Campaign}", agentId, _campaign.Name);
            PaceLocked();
        }

        Flush();
    }

    /// <summary>
    /// The agent leaves. A preview on its screen goes back to the list; a call it is on runs on,
    /// and its end and disposition are still accepted.
    /// </summary>
    public void AgentLoggedOut(string agentId)
    {
        lock (_lock)
        {
            if (!_agents.Remove(agentId, out var agent))
            {
                return;
            }

            if (agent.PreviewContact is { } contact)
            {
                _scheduler.Release(contact, Now);
            }

            _log.Information("Agent {Agent} left campaign {Campaign}", agentId, _campaign.Name);
            PaceLocked();
        }

        Flush();
    }

    /// <summary>The agent dials the contact it previews.</summary>
    /// <exception cref="InvalidOperationException">The agent has no preview.</exception>
    public void PreviewDial(string agentId)
    {
        lock (_lock)
        {
            var agent = PreviewingAgent(agentId);
            var contact = agent.PreviewContact!;
            agent.PreviewContact = null;
            PlaceLocked(contact, agent);
        }

        Flush();
    }

    /// <summary>
    /// The agent passes on the contact it previews; the contact is offered again in
    /// <paramref name="retryAfter"/> (5 minutes by default), without counting an attempt.
    /// </summary>
    /// <exception cref="InvalidOperationException">The agent has no preview.</exception>
    public void PreviewSkip(string agentId, TimeSpan? retryAfter = null)
    {
        lock (_lock)
        {
            var agent = PreviewingAgent(agentId);
            _scheduler.Release(agent.PreviewContact!, Now + (retryAfter ?? TimeSpan.FromMinutes(5)));
            agent.PreviewContact = null;
            SetReady(agent);
            PaceLocked();
        }

        Flush();
    }

    /// <summary>
    /// A person answered <paramref name="callId"/>. It goes to its own agent, else to the agent
    /// ready the longest. With none ready and <see cref="Campaign.AbandonHold"/> zero it is
    /// abandoned (the caller hears <see cref="Campaign.AbandonPrompt"/>) and retried by the rules
    /// for <see cref="CallResult.Abandoned"/>; with a hold it is held
    /// (<see cref="AnswerRouting.IsHeld"/>) and goes to the first agent free within the hold, or
    /// is abandoned when it runs out (<see cref="HeldCallRouted"/>). Answering machines are
    /// reported with <see cref="CallFailed"/> and <see cref="CallResult.Machine"/> instead.
    /// </summary>
    /// <exception cref="ArgumentException">The call is unknown or already answered.</exception>
    public AnswerRouting CallAnswered(string callId)
    {
        AnswerRouting routing;
        lock (_lock)
        {
            var call = _calls.GetValueOrDefault(callId);
            if (call is null || call.AnsweredUtc is not null || call.HeldUtc is not null)
            {
                throw new ArgumentException($"Call {callId} is not ringing in campaign {_campaign.Name}.",
                    nameof(callId));
            }

            var now = Now;
            var agent = (call.AgentId is { } own ? _agents.GetValueOrDefault(own) : null)
                ?? LongestReadyAgent();
            if (agent is not null)
            {
                routing = ConnectLocked(call, agent, now);
            }
            else if (_campaign.AbandonHold > TimeSpan.Zero)
            {
                call.HeldUtc = now;
                _held.Add(call);
                _log.Information(
                    "Call {CallId} to contact {ContactId} answered with no agent free; held up to {Hold}",
                    callId,
                    call.Contact.Id,
                    _campaign.AbandonHold);
                routing = new AnswerRouting(callId, null, null, IsHeld: true);
            }
            else
            {
                routing = AbandonLocked(call, now);
            }

            PaceLocked();
        }

        Flush();
        return routing;
    }

    /// <summary>
    /// The contact of a held call hung up before an agent was free: the call is abandoned now
    /// (no <see cref="HeldCallRouted"/> follows). Unknown or no longer held calls are ignored.
    /// </summary>
    public void HeldCallHungUp(string callId)
    {
        lock (_lock)
        {
            var call = _calls.GetValueOrDefault(callId);
            if (call is null || call.HeldUtc is null || call.AnsweredUtc is not null)
            {
                return;
            }

            _held.Remove(call);
            AbandonLocked(call, Now);
            PaceLocked();
        }

        Flush();
    }

    /// <summary>The call ended without a person: busy, no answer, failed, or an answering machine.</summary>
    /// <exception cref="ArgumentException">The call is unknown or already answered, or the result
    /// is <see cref="CallResult.Connected"/> or <see cref="CallResult.Abandoned"/>.</exception>
    /// <returns>The retry the rules scheduled, or null when the contact is exhausted.</returns>
    public DateTimeOffset? CallFailed(string callId, CallResult result)
    {
        if (result is CallResult.Connected or CallResult.Abandoned)
        {
            throw new ArgumentException(
                $"{result} is decided by the controller, not reported.",
                nameof(result));
        }

        DateTimeOffset? retry;
        lock (_lock)
        {
            var call = _calls.GetValueOrDefault(callId);
            if (call is null || call.AnsweredUtc is not null || call.HeldUtc is not null)
            {
                throw new ArgumentException($"Call {callId} is not ringing in campaign {_campaign.Name}.",
                    nameof(callId));
            }

            var now = Now;
            _calls.Remove(callId);
            Count(result);
            retry = _scheduler.RecordResult(call.Contact, result, now);
            Observe(PacingObservationKind.AttemptEnded, now - call.DialedUtc, result);
            if (call.AgentId is { } agentId && _agents.TryGetValue(agentId, out var agent))
            {
                SetReady(agent);
            }

            _log.Debug("Call {CallId} to contact {ContactId} ended {Result}; retry at {RetryUtc}",
                callId, call.Contact.Id, result, retry);
            PaceLocked();
        }

        Flush();
        return retry;
    }

    /// <summary>A connected call hung up: its agent goes to wrap-up.</summary>
    /// <exception cref="ArgumentException">The call is not connected.</exception>
    public void CallEnded(string callId)
    {
        lock (_lock)
        {
            var call = ConnectedCall(callId);
            if (call.EndedUtc is not null)
            {
                return;
            }

            var now = Now;
            call.EndedUtc = now;
            var talk = now - call.AnsweredUtc!.Value;
            _talkTime += talk;
            Observe(PacingObservationKind.TalkEnded, talk, null);
            if (_agents.TryGetValue(call.AgentId!, out var agent) && agent.CallId == callId)
            {
                agent.Phase = AgentPhase.WrappingUp;
                agent.Since = now;
            }

            PaceLocked();
        }

        Flush();
    }

    /// <summary>
    /// The agent finished wrap-up of <paramref name="callId"/> with a disposition, and is ready
    /// again. With <paramref name="callbackUtc"/> the contact is called back then (by the same
    /// agent when <paramref name="sameAgent"/>); otherwise it is closed.
    /// </summary>
    /// <exception cref="ArgumentException">The call is not connected, or the code is not one of
    /// <see cref="Campaign.DispositionCodes"/>.</exception>
    public void WrapUpCompleted(
        string callId,
        string dispositionCode,
        DateTimeOffset? callbackUtc = null,
        bool sameAgent = true)
    {
        if (!_dispositionCodes.Contains(dispositionCode))
        {
            throw new ArgumentException(
                $"Disposition '{dispositionCode}' is not one of campaign {_campaign.Name}'s codes.",
                nameof(dispositionCode));
        }

        lock (_lock)
        {
            var call = ConnectedCall(callId);
            var now = Now;
            _calls.Remove(callId);
            if (callbackUtc is { } at)
            {
                _scheduler.ScheduleCallback(
                    call.Contact,
                    at,
                    sameAgent ? call.AgentId : null,
                    dispositionCode);
            }
            else
            {
                _scheduler.Complete(call.Contact, dispositionCode);
            }

            if (_agents.TryGetValue(call.AgentId!, out var agent) && agent.CallId == callId)
            {
                if (agent.Phase == AgentPhase.WrappingUp)
                {
                    Observe(PacingObservationKind.WrapUpEnded, now - agent.Since, null);
                }

                SetReady(agent);
            }

            _log.Information("Contact {ContactId} given disposition {Disposition}, call-back {CallbackUtc}",
                call.Contact.Id, dispositionCode, callbackUtc);
            PaceLocked();
        }

        Flush();
    }

    /// <summary>
    /// Gives a contact the attempts stored before a restart (see
    /// <see cref="CampaignScheduler.Restore"/>); called before <see cref="Start"/>.
    /// </summary>
    /// <returns>When the contact is due again, or null when it is closed, left as it was, or not
    /// in the list.</returns>
    public DateTimeOffset? RestoreAttempts(
        string contactId,
        IReadOnlyList<(CallResult Result, DateTimeOffset DialedUtc)> attempts,
        DateTimeOffset? retryUtc)
    {
        lock (_lock)
        {
            var contact = _contacts.Find(contactId);
            return contact is null ? null : _scheduler.Restore(contact, attempts, retryUtc);
        }
    }

    /// <summary>
    /// When the contact's retry is due, or null when none is scheduled (it is being dialled,
    /// closed, or waits for a call-back). Telephony stores it with the ended attempt.
    /// </summary>
    public DateTimeOffset? ScheduledRetry(string contactId)
    {
        lock (_lock)
        {
            return _contacts.Find(contactId) is { Status: ContactStatus.RetryScheduled } contact
                ? contact.NextAttemptUtc
                : null;
        }
    }

    /// <summary>
    /// Books a call-back for a contact not being dialled (one restored after a restart): it is
    /// due at <paramref name="dueUtc"/>, for any agent.
    /// </summary>
    /// <returns>False when the list has no open contact of that id.</returns>
    public bool RestoreCallback(string contactId, DateTimeOffset dueUtc, string? dispositionCode)
    {
        lock (_lock)
        {
            var contact = _contacts.Find(contactId);
            if (contact is null || contact.IsClosed || contact.Status == ContactStatus.Dialing)
            {
                return false;
            }

            _scheduler.ScheduleCallback(contact, dueUtc, null, dispositionCode);
            return true;
        }
    }

    /// <summary>
    /// Holds or releases pacing for blending (<see cref="Blending.BlendingDecision.OutboundPacingAllowed"/>):
    /// while held, no paced call is placed, calls in progress run on and previews and call-backs
    /// for an agent are still dialled by it. Unlike <see cref="Pause"/> it leaves the state alone,
    /// so an operator's pause is not undone by the blender.
    /// </summary>
    public void HoldPacing(bool held)
    {
        lock (_lock)
        {
            if (_pacingHeld == held)
            {
                return;
            }

            _pacingHeld = held;
            _log.Information("Outbound pacing of campaign {Campaign} held {Held}", _campaign.Name, held);
            PaceLocked();
        }

        Flush();
    }

    /// <summary>
    /// Places whatever calls pacing asks for now. Called by every input and by the host's timer.
    /// </summary>
    public void Pace()
    {
        lock (_lock)
        {
            PaceLocked();
        }

        Flush();
    }

    private DateTimeOffset Now => _time.GetUtcNow();

    private AnswerRouting ConnectLocked(CampaignCall call, CampaignAgent agent, DateTimeOffset now)
    {
        call.AnsweredUtc = now;
        call.AgentId = agent.Id;
        agent.PreviewContact = null;
        agent.CallId = call.Id;
        agent.Phase = AgentPhase.Talking;
        agent.Since = now;
        _connected++;
        _scheduler.RecordResult(call.Contact, CallResult.Connected, now);

        // The ring time pacing learns is to the answer, not to the end of a hold.
        var ring = (call.HeldUtc ?? now) - call.DialedUtc;
        Observe(PacingObservationKind.AttemptEnded, ring, CallResult.Connected);
        _log.Information("Call {CallId} to contact {ContactId} connected to agent {Agent}",
            call.Id, call.Contact.Id, agent.Id);
        return new AnswerRouting(call.Id, agent.Id, null);
    }

    private AnswerRouting AbandonLocked(CampaignCall call, DateTimeOffset now)
    {
        _calls.Remove(call.Id);
        _abandoned++;
        _scheduler.RecordResult(call.Contact, CallResult.Abandoned, now);
        var ring = (call.HeldUtc ?? now) - call.DialedUtc;
        Observe(PacingObservationKind.AttemptEnded, ring, CallResult.Abandoned);
        _log.Information(
            "Call {CallId} to contact {ContactId} answered with no agent free; abandoned",
            call.Id,
            call.Contact.Id);
        return new AnswerRouting(call.Id, null, _campaign.AbandonPrompt);
    }

    // Held calls first, oldest first: a hold that ran out is abandoned (Ofcom and the TSR count it
    // so once 2 s pass with no agent), the others take the agents ready now.
    private void ServeHeldLocked()
    {
        var now = Now;
        for (var i = 0; i < _held.Count; i++)
        {
            var call = _held[i];
            if (now - call.HeldUtc!.Value > _campaign.AbandonHold)
            {
                _held.RemoveAt(i--);
                _outbox.Add(AbandonLocked(call, now));
            }
            else if (LongestReadyAgent() is { } agent)
            {
                _held.RemoveAt(i--);
                _outbox.Add(ConnectLocked(call, agent, now));
            }
        }
    }

    private void PaceLocked()
    {
        ServeHeldLocked();
        if (_state != CampaignState.Running || _pacingHeld)
        {
            return;
        }

        var now = Now;
        var ready = 0;
        _busy.Clear();
        foreach (var agent in _agents.Values)
        {
            if (agent.Phase is null)
            {
                ready++;
            }
            else
            {
                _busy.Add(new AgentActivity(agent.Phase.Value, now - agent.Since));
            }
        }

        _ringing.Clear();
        foreach (var call in _calls.Values)
        {
            if (call.Paced && call.AnsweredUtc is null && call.HeldUtc is null)
            {
                _ringing.Add(now - call.DialedUtc);
            }
        }

        var decision = _pacing.Decide(new PacingSnapshot(now, ready, _ringing, _busy, _held.Count));
        for (var i = 0; i < decision.ContactsToPreview && LongestReadyAgent() is { } agent; i++)
        {
            if (!_scheduler.TryTakeNext(now, out var contact))
            {
                break;
            }

            agent.Phase = AgentPhase.Reserved;
            agent.Since = now;
            agent.PreviewContact = contact;
            _outbox.Add(new PreviewOffer(agent.Id, contact));
        }

        for (var i = 0; i < decision.CallsToDial; i++)
        {
            if (!_scheduler.TryTakeNext(now, out var contact))
            {
                break;
            }

            var own = contact.CallbackAgentId is { } id
                && _agents.TryGetValue(id, out var a)
                && a.Phase is null
                ? a
                : null;
            PlaceLocked(contact, own);
        }

        if (_calls.Count == 0 && _scheduler.IsExhausted)
        {
            SetStateLocked(CampaignState.Finished);
        }
    }

    private void PlaceLocked(Contact contact, CampaignAgent? agent)
    {
        var callId = $"{_campaign.Name}-{++_callSeq}";
        var call = new CampaignCall(callId, contact, agent?.Id, Now);
        _calls.Add(callId, call);
        _dials++;
        if (agent is not null)
        {
            agent.Phase = AgentPhase.Reserved;
            agent.Since = Now;
        }

        _log.Debug(
            "Call {CallId} placed to contact {ContactId} for agent {Agent}",
            callId,
            contact.Id,
            agent?.Id);
        _outbox.Add(new DialRequest(callId, contact.Id, contact.PhoneNumber, CallerId, _campaign.TrunkGroup,
            agent?.Id));
    }

    private CampaignAgent? LongestReadyAgent()
    {
        CampaignAgent? best = null;
        foreach (var agent in _agents.Values)
        {
            if (agent.Phase is null && (best is null || agent.Since < best.Since))
            {
                best = agent;
            }
        }

        return best;
    }

    private CampaignAgent PreviewingAgent(string agentId)
        => _agents.TryGetValue(agentId, out var agent) && agent.PreviewContact is not null
            ? agent
            : throw new InvalidOperationException(
                $"Agent {agentId} has no preview in campaign {_campaign.Name}.");

    private CampaignCall ConnectedCall(string callId)
        => _calls.TryGetValue(callId, out var call) && call.AnsweredUtc is not null
            ? call
            : throw new ArgumentException($"Call {callId} is not connected in campaign {_campaign.Name}.",
                nameof(callId));

    private void SetReady(CampaignAgent agent)
    {
        agent.Phase = null;
        agent.CallId = null;
        agent.Since = Now;
    }

    private void Count(CallResult result)
    {
        switch (result)
        {
            case CallResult.Busy:
                _busyResults++;
                break;
            case CallResult.NoAnswer:
                _noAnswer++;
                break;
            case CallResult.Machine:
                _machines++;
                break;
            default:
                _failed++;
                break;
        }
    }

    private void Observe(PacingObservationKind kind, TimeSpan duration, CallResult? result)
        => _pacing.Observe(new PacingObservation(kind, duration, result));

    private void Transition(CampaignState to, params CampaignState[] from)
    {
        lock (_lock)
        {
            if (!from.Contains(_state))
            {
                throw new InvalidOperationException(
                    $"Campaign {_campaign.Name} is {_state}; it cannot go {to}.");
            }

            if (to != CampaignState.Running)
            {
                ReleasePreviewsLocked();
            }

            SetStateLocked(to);
            PaceLocked();
        }

        Flush();
    }

    private void ReleasePreviewsLocked()
    {
        foreach (var agent in _agents.Values)
        {
            if (agent.PreviewContact is { } contact)
            {
                _scheduler.Release(contact, Now);
                agent.PreviewContact = null;
                SetReady(agent);
            }
        }
    }

    private void SetStateLocked(CampaignState state)
    {
        if (_state == state)
        {
            return;
        }

        _log.Information("Campaign {Campaign} went from {From} to {To}", _campaign.Name, _state, state);
        _state = state;
        _outbox.Add(state);
    }

    private void Flush()
    {
        object[] events;
        lock (_lock)
        {
            if (_outbox.Count == 0)
            {
                return;
            }

            events = [.. _outbox];
            _outbox.Clear();
        }

        foreach (var e in events)
        {
            switch (e)
            {
                case DialRequest dial:
                    DialRequested?.Invoke(dial);
                    break;
                case PreviewOffer offer:
                    PreviewOffered?.Invoke(offer);
                    break;
                case CampaignState state:
                    StateChanged?.Invoke(state);
                    break;
                case AnswerRouting routing:
                    HeldCallRouted?.Invoke(routing);
                    break;
            }
        }
    }
}
