using System.Diagnostics.CodeAnalysis;
using Appliance.CallCenter.Agents;
using Appliance.CallCenter.Queues;
using Serilog;

namespace Appliance.CallCenter.Routing;

/// <summary>
/// The automatic call distributor (ACD): holds the waiting calls of every queue and the state
/// of every agent, and decides which agent's phone rings for which call. It carries out
/// nothing itself; Telephony rings, cancels and bridges on its events.
/// </summary>
/// <remarks>
/// <para>
/// Thread safety: the distributor is an actor guarded by one lock. Every input may be called
/// from any thread. State changes happen inside the lock, and the events they cause are put in
/// an outbox there, in the order they happened. Once the lock is released the outbox is
/// drained: events are raised one at a time, in that order, and never while the lock is held,
/// so a handler may call straight back into the distributor without deadlock. Such a nested
/// call — or a call from another thread while events are being raised — adds its events to
/// the same outbox and returns; the thread already raising them raises the new ones after the
/// earlier ones. A handler therefore runs on whichever calling thread drains the outbox, and
/// cannot expect the events of its own nested call to have been raised when that call
/// returns. A handler that throws is logged at Error; the remaining events are still raised.
/// </para>
/// <para>
/// Routing: calls are served first come, first served. An idle agent gets the oldest waiting
/// call of all the queues it is a member of; within a queue, <see cref="QueueStrategy.LongestIdle"/>
/// picks the idle member whose idle-since (login, or end of its last call) is oldest. An agent
/// rings for one call at a time. When an offer is not answered within the queue's ring timeout
/// (timed with the <see cref="TimeProvider"/>) it is withdrawn and the longest-idle member not
/// yet tried for that call is rung; the call waits for an untried member to become free rather
/// than ring a member who already missed it, and once every logged-in member has been tried a
/// new round starts. An agent who missed or refused an offer is idle again with its idle-since
/// unchanged.
/// </para>
/// </remarks>
public sealed class AutomaticCallDistributor : IDisposable
{
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, QueueDefinition> _queues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AcdAgent> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AcdCall> _calls = new(StringComparer.Ordinal);
    // Unanswered calls of every queue in arrival order; ringing ones stay in place.
    private readonly List<AcdCall> _waiting = [];
    private readonly AcdOutbox _outbox;
    private long _idleSequence;
    private bool _disposed;

    public AutomaticCallDistributor(TimeProvider time, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(log);

        _time = time;
        _log = log.ForContext<AutomaticCallDistributor>();
        _outbox = new AcdOutbox(_lock, Raise, _log);
    }

    /// <summary>
    /// Raised when an agent's phone should ring for a call. The offer stands until
    /// <see cref="OfferAnswered"/>, <see cref="OfferFailed"/> or <see cref="OfferWithdrawn"/>.
    /// </summary>
    public event Action<AcdOffer>? OfferCall;

    /// <summary>
    /// Raised when a ringing offer is taken back (<see cref="AcdOffer.Reason"/> says why):
    /// Telephony must stop ringing that agent.
    /// </summary>
    public event Action<AcdOffer>? OfferWithdrawn;

    /// <summary>
    /// Raised with (call id, queue) for each waiting call dropped because the last logged-in
    /// member of its queue left. The call is no longer in the distributor.
    /// </summary>
    public event Action<string, string>? CallNoAgents;

    /// <summary>
    /// Sets the queues and agents. Agents that stay configured keep their login and idle-since.
    /// </summary>
    /// <exception cref="ArgumentException">A name is empty or repeated, a ring timeout is not
    /// positive, or an agent names a queue that is not in <paramref name="queues"/>.</exception>
    /// <exception cref="InvalidOperationException">Calls are in progress. Reconfiguring under
    /// live calls needs a rule for calls of removed queues, which we do not have yet.</exception>
    public void Configure(IEnumerable<QueueDefinition> queues, IEnumerable<AgentDefinition> agents)
    {
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(agents);

        var queueMap = AcdConfiguration.ValidateQueues(queues);
        var agentList = AcdConfiguration.ValidateAgents(agents, queueMap);

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_calls.Count > 0)
            {
                throw new InvalidOperationException(
                    $"The ACD cannot be reconfigured while {_calls.Count} calls are in progress.");
            }

            _queues.Clear();
            foreach (var queue in queueMap.Values)
            {
                _queues.Add(queue.Name, queue);
            }

            var previous = new Dictionary<string, AcdAgent>(_agents, StringComparer.Ordinal);
            _agents.Clear();
            foreach (var definition in agentList)
            {
                if (previous.TryGetValue(definition.AgentId, out var kept))
                {
                    kept.Definition = definition;
                    _agents.Add(definition.AgentId, kept);
                }
                else
                {
                    _agents.Add(definition.AgentId, new AcdAgent(definition));
                }
            }

            _log.Information("ACD configured with {QueueCount} queues and {AgentCount} agents",
                _queues.Count, _agents.Count);
        }
    }

    /// <summary>
    /// The agent's phone registered: a logged-out agent becomes idle with idle-since = now. A
    /// refreshed registration changes nothing. An id that is not a configured agent (a plain
    /// extension) is ignored.
    /// </summary>
    public void AgentAvailable(string agentId)
    {
        ArgumentNullException.ThrowIfNull(agentId);

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_agents.TryGetValue(agentId, out var agent))
            {
                _log.Debug("Extension {Agent} registered; it is not an agent", agentId);
                return;
            }

            if (agent.LoggingOut)
            {
                agent.LoggingOut = false;
                _log.Information("Agent {Agent} logged in again during its call", agentId);
            }
            else if (agent.State == AgentState.LoggedOut)
            {
                agent.State = AgentState.Idle;
                MarkIdleLocked(agent);
                _log.Information("Agent {Agent} logged in", agentId);
                DispatchLocked();
            }
        }

        Publish();
    }

    /// <summary>
    /// The agent's phone unregistered. An idle agent is logged out at once; a ringing offer is
    /// withdrawn (<see cref="WithdrawReason.AgentLoggedOut"/>) and the next agent is rung; a
    /// busy agent keeps its call and is logged out when it ends. Waiting calls of a queue left
    /// without logged-in members are dropped with <see cref="CallNoAgents"/>.
    /// </summary>
    public void AgentUnavailable(string agentId)
    {
        ArgumentNullException.ThrowIfNull(agentId);

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_agents.TryGetValue(agentId, out var agent) || !agent.IsLoggedIn)
            {
                return;
            }

            switch (agent.State)
            {
                case AgentState.Busy:
                    agent.LoggingOut = true;
                    _log.Information("Agent {Agent} logged out; it stays busy until its call ends", agentId);
                    break;
                case AgentState.Ringing:
                    var ring = agent.Call!.Ring!;
                    _log.Information("Agent {Agent} logged out while call {CallId} from {Queue} rang",
                        agentId, ring.Call.CallId, ring.Call.Queue.Name);
                    WithdrawLocked(ring, WithdrawReason.AgentLoggedOut);
                    agent.State = AgentState.LoggedOut;
                    break;
                default:
                    agent.State = AgentState.LoggedOut;
                    _log.Information("Agent {Agent} logged out", agentId);
                    break;
            }

            DropCallsWithoutAgentsLocked();
            DispatchLocked();
        }

        Publish();
    }

    /// <summary>
    /// Puts a call at the back of a queue and rings an agent when one is idle.
    /// </summary>
    /// <returns><see cref="EnqueueResult.NoAgents"/>, without queuing the call, when no member
    /// agent of the queue is logged in (busy members count as logged in).</returns>
    /// <exception cref="ArgumentException">The queue is not configured, or the call is already
    /// in the distributor.</exception>
    public EnqueueResult Enqueue(string callId, string queue)
    {
        ArgumentException.ThrowIfNullOrEmpty(callId);
        ArgumentNullException.ThrowIfNull(queue);

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var definition = RequireQueueLocked(queue);
            if (_calls.TryGetValue(callId, out var existing))
            {
                throw new ArgumentException(
                    $"Call '{callId}' is already in queue '{existing.Queue.Name}'.", nameof(callId));
            }

            if (!HasLoggedInMemberLocked(queue))
            {
                _log.Information("Call {CallId} not queued in {Queue}: no agent of the queue is logged in",
                    callId, queue);
                return EnqueueResult.NoAgents;
            }

            var call = new AcdCall(callId, definition, _time.GetUtcNow());
            _calls.Add(callId, call);
            _waiting.Add(call);
            _log.Information("Call {CallId} queued in {Queue} at position {Position}",
                callId, queue, CountWaitingLocked(queue));
            DispatchLocked();
        }

        Publish();
        return EnqueueResult.Queued;
    }

    /// <summary>
    /// The caller hung up before an agent answered: the call leaves its queue and a ringing
    /// offer is withdrawn (<see cref="WithdrawReason.CallerAbandoned"/>). An unknown or already
    /// answered call is ignored: an answered call ends with <see cref="CallEnded"/>.
    /// </summary>
    public void Abandon(string callId)
    {
        ArgumentNullException.ThrowIfNull(callId);

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_calls.TryGetValue(callId, out var call) || call.AnsweredBy is not null)
            {
                _log.Debug("Abandon of call {CallId} ignored: it is not waiting", callId);
                return;
            }

            _calls.Remove(callId);
            _waiting.Remove(call);
            var waited = _time.GetUtcNow() - call.EnqueuedUtc;
            _log.Information("Call {CallId} abandoned in {Queue} after {WaitSeconds} s",
                callId, call.Queue.Name, (long)waited.TotalSeconds);
            if (call.Ring is { } ring)
            {
                WithdrawLocked(ring, WithdrawReason.CallerAbandoned);
            }

            DispatchLocked();
        }

        Publish();
    }

    /// <summary>
    /// The agent's phone answered the offer: the agent is busy until <see cref="CallEnded"/>.
    /// </summary>
    /// <returns>False when the offer no longer stands (it was withdrawn, for instance by the
    /// ring timeout just before the answer arrived): the caller must hang the agent leg up.</returns>
    /// <exception cref="ArgumentException">The agent is not configured.</exception>
    public bool OfferAnswered(string callId, string agentId)
    {
        ArgumentNullException.ThrowIfNull(callId);

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var agent = RequireAgentLocked(agentId);
            if (!TryGetRingLocked(callId, agent, out var ring))
            {
                _log.Information("Agent {Agent} answered call {CallId} after the offer was withdrawn",
                    agentId, callId);
                return false;
            }

            var call = ring.Call;
            ring.Timer?.Dispose();
            call.Ring = null;
            call.AnsweredBy = agent;
            _waiting.Remove(call);
            agent.State = AgentState.Busy;
            var waited = _time.GetUtcNow() - call.EnqueuedUtc;
            _log.Information("Call {CallId} from {Queue} answered by agent {Agent} after {WaitSeconds} s",
                callId, call.Queue.Name, agentId, (long)waited.TotalSeconds);
        }

        Publish();
        return true;
    }

    /// <summary>
    /// The agent's phone refused or failed the offer: the agent is idle again (idle-since
    /// unchanged) and the next agent is tried. A stale offer is ignored.
    /// </summary>
    /// <exception cref="ArgumentException">The agent is not configured.</exception>
    public void OfferFailed(string callId, string agentId)
    {
        ArgumentNullException.ThrowIfNull(callId);

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var agent = RequireAgentLocked(agentId);
            if (!TryGetRingLocked(callId, agent, out var ring))
            {
                _log.Debug("Failure of call {CallId} on agent {Agent} ignored: no such offer stands",
                    callId, agentId);
                return;
            }

            _log.Information("Agent {Agent} could not take call {CallId} from {Queue}",
                agentId, callId, ring.Call.Queue.Name);
            ring.Timer?.Dispose();
            ring.Call.Ring = null;
            agent.Call = null;
            agent.State = AgentState.Idle;
            DispatchLocked();
        }

        Publish();
    }

    /// <summary>
    /// An answered call ended: the call leaves the distributor and the agent is idle with
    /// idle-since = now, so it is the last of the idle agents to get the next call (or logged
    /// out, when its phone unregistered during the call). A call the agent is not on is ignored
    /// with a Warning.
    /// </summary>
    /// <exception cref="ArgumentException">The agent is not configured.</exception>
    public void CallEnded(string callId, string agentId)
    {
        ArgumentNullException.ThrowIfNull(callId);

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var agent = RequireAgentLocked(agentId);
            if (!_calls.TryGetValue(callId, out var call) || call.AnsweredBy != agent)
            {
                _log.Warning("Call {CallId} ended on agent {Agent}, who was not on it", callId, agentId);
                return;
            }

            _calls.Remove(callId);
            agent.Call = null;
            if (agent.LoggingOut)
            {
                agent.LoggingOut = false;
                agent.State = AgentState.LoggedOut;
                _log.Information("Call {CallId} from {Queue} ended; agent {Agent} logged out",
                    callId, call.Queue.Name, agentId);
                DropCallsWithoutAgentsLocked();
            }
            else
            {
                agent.State = AgentState.Idle;
                MarkIdleLocked(agent);
                _log.Information("Call {CallId} from {Queue} ended; agent {Agent} is idle",
                    callId, call.Queue.Name, agentId);
            }

            DispatchLocked();
        }

        Publish();
    }

    /// <summary>Counts of one queue, taken consistently under the lock.</summary>
    /// <exception cref="ArgumentException">The queue is not configured.</exception>
    public QueueSnapshot Snapshot(string queue)
    {
        ArgumentNullException.ThrowIfNull(queue);

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            RequireQueueLocked(queue);
            var waiting = 0;
            var longestWait = TimeSpan.Zero;
            foreach (var call in _waiting)
            {
                if (string.Equals(call.Queue.Name, queue, StringComparison.Ordinal))
                {
                    if (waiting++ == 0)
                    {
                        longestWait = _time.GetUtcNow() - call.EnqueuedUtc;
                    }
                }
            }

            int idle = 0, ringing = 0, busy = 0;
            foreach (var agent in _agents.Values)
            {
                if (!agent.IsMemberOf(queue))
                {
                    continue;
                }

                idle += agent.State == AgentState.Idle ? 1 : 0;
                ringing += agent.State == AgentState.Ringing ? 1 : 0;
                busy += agent.State == AgentState.Busy ? 1 : 0;
            }

            return new QueueSnapshot(queue, waiting, longestWait, idle, ringing, busy);
        }
    }

    /// <summary>The agent's current state.</summary>
    /// <exception cref="ArgumentException">The agent is not configured.</exception>
    public AgentState GetAgentState(string agentId)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return RequireAgentLocked(agentId).State;
        }
    }

    /// <summary>Stops every ring timer; later inputs throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var call in _calls.Values)
            {
                call.Ring?.Timer?.Dispose();
            }
        }
    }

    private void OnRingTimeout(AcdRing ring)
    {
        lock (_lock)
        {
            // The offer may have been answered, refused or withdrawn while the timer fired.
            if (_disposed || ring.Call.Ring != ring)
            {
                return;
            }

            _log.Information(
                "Agent {Agent} did not answer call {CallId} from {Queue} within {RingTimeout}",
                ring.Agent.AgentId, ring.Call.CallId, ring.Call.Queue.Name, ring.Call.Queue.RingTimeout);
            WithdrawLocked(ring, WithdrawReason.RingNoAnswer);
            DispatchLocked();
        }

        Publish();
    }

    // Offers calls until no waiting call has an idle agent: the oldest call first, so an agent
    // in several queues gets the oldest call of all of them.
    private void DispatchLocked()
    {
        while (true)
        {
            AcdCall? chosenCall = null;
            AcdAgent? chosenAgent = null;
            foreach (var call in _waiting)
            {
                if (call.Ring is null && AgentSelection.Pick(call, _agents.Values, _log) is { } agent)
                {
                    chosenCall = call;
                    chosenAgent = agent;
                    break;
                }
            }

            if (chosenCall is null || chosenAgent is null)
            {
                return;
            }

            RingLocked(chosenCall, chosenAgent);
        }
    }

    private void RingLocked(AcdCall call, AcdAgent agent)
    {
        var ring = new AcdRing(call, agent);
        call.Ring = ring;
        call.Tried.Add(agent.AgentId);
        agent.State = AgentState.Ringing;
        agent.Call = call;
        ring.Timer = _time.CreateTimer(
            _ => OnRingTimeout(ring), null, call.Queue.RingTimeout, Timeout.InfiniteTimeSpan);

        _log.Information("Offering call {CallId} from {Queue} to agent {Agent} for {RingTimeout}",
            call.CallId, call.Queue.Name, agent.AgentId, call.Queue.RingTimeout);
        _outbox.AddLocked(new AcdEvent(
            AcdEventKind.Offer, ring.ToOffer(null), call.CallId, call.Queue.Name));
    }

    // The agent goes back to Idle with its idle-since unchanged; callers that log it out set
    // its state afterwards.
    private void WithdrawLocked(AcdRing ring, WithdrawReason reason)
    {
        ring.Timer?.Dispose();
        ring.Call.Ring = null;
        ring.Agent.Call = null;
        ring.Agent.State = AgentState.Idle;

        _log.Information("Offer of call {CallId} from {Queue} to agent {Agent} withdrawn: {Reason}",
            ring.Call.CallId, ring.Call.Queue.Name, ring.Agent.AgentId, reason);
        _outbox.AddLocked(new AcdEvent(
            AcdEventKind.Withdrawn, ring.ToOffer(reason), ring.Call.CallId, ring.Call.Queue.Name));
    }

    private void DropCallsWithoutAgentsLocked()
    {
        for (var i = 0; i < _waiting.Count; i++)
        {
            var call = _waiting[i];
            if (HasLoggedInMemberLocked(call.Queue.Name))
            {
                continue;
            }

            _waiting.RemoveAt(i--);
            _calls.Remove(call.CallId);
            _log.Information("Call {CallId} left {Queue}: no agent of the queue is logged in any more",
                call.CallId, call.Queue.Name);
            _outbox.AddLocked(new AcdEvent(AcdEventKind.NoAgents, null, call.CallId, call.Queue.Name));
        }
    }

    private void MarkIdleLocked(AcdAgent agent)
    {
        agent.IdleSince = _time.GetUtcNow();
        agent.IdleSequence = ++_idleSequence;
    }

    private bool HasLoggedInMemberLocked(string queue)
    {
        foreach (var agent in _agents.Values)
        {
            if (agent.IsLoggedIn && agent.IsMemberOf(queue))
            {
                return true;
            }
        }

        return false;
    }

    private int CountWaitingLocked(string queue)
    {
        var count = 0;
        foreach (var call in _waiting)
        {
            count += string.Equals(call.Queue.Name, queue, StringComparison.Ordinal) ? 1 : 0;
        }

        return count;
    }

    private bool TryGetRingLocked(string callId, AcdAgent agent, [NotNullWhen(true)] out AcdRing? ring)
    {
        ring = _calls.TryGetValue(callId, out var call) && call.Ring?.Agent == agent
            ? call.Ring
            : null;
        return ring is not null;
    }

    private QueueDefinition RequireQueueLocked(string queue)
        => _queues.TryGetValue(queue, out var definition)
            ? definition
            : throw new ArgumentException($"Queue '{queue}' is not configured in the ACD.", nameof(queue));

    private AcdAgent RequireAgentLocked(string agentId)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        return _agents.TryGetValue(agentId, out var agent)
            ? agent
            : throw new ArgumentException(
                $"Agent '{agentId}' is not configured in the ACD.", nameof(agentId));
    }

    private void Publish() => _outbox.Publish();

    private void Raise(AcdEvent e)
    {
        switch (e.Kind)
        {
            case AcdEventKind.Offer:
                OfferCall?.Invoke(e.Offer!);
                break;
            case AcdEventKind.Withdrawn:
                OfferWithdrawn?.Invoke(e.Offer!);
                break;
            default:
                CallNoAgents?.Invoke(e.CallId, e.Queue);
                break;
        }
    }
}
