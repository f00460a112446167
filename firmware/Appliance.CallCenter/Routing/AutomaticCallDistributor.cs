using Appliance.CallCenter.Agents;
using Appliance.CallCenter.Queues;
using Serilog;

namespace Appliance.CallCenter.Routing;

/// <summary>
/// The automatic call distributor (ACD): holds the waiting calls of every queue and the state
/// of every agent, and decides which agent's phone rings for which call. It carries out
/// nothing itself; Telephony rings, cancels, bridges and moves calls on its events.
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
/// Routing: calls are served by priority, then in arrival order. An agent that becomes idle
/// gets the first such call of all the queues it is logged in to; within a queue the strategy
/// (<see cref="QueueStrategy"/>) chooses among idle, eligible members. An agent rings for one
/// call at a time. When an offer is not answered within the queue's ring timeout (timed with
/// the <see cref="TimeProvider"/>) it is withdrawn, the agent goes to the back of the idle
/// line, and the next member not yet tried for that call is rung; the call waits for an untried
/// member rather than ring one who already missed it, and once every logged-in member has been
/// tried a new round starts. After the queue's number of missed offers in a row the agent is
/// set not ready. Each decision looks at the members of the queues concerned only.
/// </para>
/// </remarks>
public sealed partial class AutomaticCallDistributor : IDisposable
{
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly Random _random;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, AcdQueue> _queues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AcdAgent> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AcdCall> _calls = new(StringComparer.Ordinal);
    private Dictionary<int, NotReadyReason> _reasons = [];
    private readonly AcdOutbox _outbox;
    private long _idleSequence;
    private long _callSequence;
    private bool _disposed;

    public AutomaticCallDistributor(TimeProvider time, ILogger log)
        : this(time, log, new Random())
    {
    }

    /// <param name="time">The clock of every timer and timestamp.</param>
    /// <param name="log">Where business steps are logged.</param>
    /// <param name="random">Draws for <see cref="QueueStrategy.Random"/>; a seeded one in tests.</param>
    public AutomaticCallDistributor(TimeProvider time, ILogger log, Random random)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(random);

        _time = time;
        _log = log.ForContext<AutomaticCallDistributor>();
        _random = random;
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
    /// Raised with (call id, queue) for each waiting call sent away because its queue became
    /// empty by its leave rule. The call is no longer in the distributor.
    /// </summary>
    public event Action<string, string>? CallNoAgents;

    /// <summary>Raised when a queue rule sends a call elsewhere (see <see cref="AcdOverflow"/>).</summary>
    public event Action<AcdOverflow>? CallOverflowed;

    /// <summary>Raised on every change of an agent's state, with its time.</summary>
    public event Action<AgentStateChange>? AgentStateChanged;

    /// <summary>Raised on every step of a call through a queue, for figures.</summary>
    public event Action<AcdCallEvent>? CallStep;

    /// <summary>Sets the queues and agents, with no not-ready reasons beyond the ACD's own.</summary>
    public void Configure(IEnumerable<QueueDefinition> queues, IEnumerable<AgentDefinition> agents)
        => Configure(queues, agents, []);

    /// <summary>
    /// Sets the queues, agents and the not-ready reasons agents may give. Agents that stay
    /// configured keep their state, choices and counters.
    /// </summary>
    /// <exception cref="ArgumentException">A name is empty or repeated, a duration or level is
    /// out of range, a rule lacks its target, or an agent names a queue that is not in
    /// <paramref name="queues"/>.</exception>
    /// <exception cref="InvalidOperationException">Calls are in progress. Reconfiguring under
    /// live calls needs a rule for calls of removed queues, which we do not have yet.</exception>
    public void Configure(
        IEnumerable<QueueDefinition> queues,
        IEnumerable<AgentDefinition> agents,
        IEnumerable<NotReadyReason> reasons)
    {
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(reasons);

        var queueMap = AcdConfiguration.ValidateQueues(queues);
        var agentList = AcdConfiguration.ValidateAgents(agents, queueMap);
        var reasonMap = AcdConfiguration.ValidateReasons(reasons);

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_calls.Count > 0)
            {
                throw new InvalidOperationException(
                    $"The ACD cannot be reconfigured while {_calls.Count} calls are in progress.");
            }

            _reasons = reasonMap;
            _queues.Clear();
            foreach (var queue in queueMap.Values)
            {
                _queues.Add(queue.Name, new AcdQueue(queue));
            }

            RebuildAgentsLocked(agentList);

            _log.Information("ACD configured with {QueueCount} queues and {AgentCount} agents",
                _queues.Count, _agents.Count);
        }
    }

    /// <summary>Counts of one queue, taken consistently under the lock.</summary>
    /// <exception cref="ArgumentException">The queue is not configured.</exception>
    public QueueSnapshot Snapshot(string queue)
    {
        ArgumentNullException.ThrowIfNull(queue);

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var state = RequireQueueLocked(queue);
            var now = _time.GetUtcNow();
            var longestWait = TimeSpan.Zero;
            foreach (var call in state.Waiting)
            {
                var waited = now - call.QueueEnteredUtc;
                longestWait = waited > longestWait ? waited : longestWait;
            }

            int idle = 0, ringing = 0, busy = 0, wrapUp = 0, notReady = 0;
            foreach (var member in state.Members)
            {
                var agentState = member.Agent.State;
                idle += agentState == AgentState.Idle ? 1 : 0;
                ringing += agentState == AgentState.Ringing ? 1 : 0;
                busy += agentState == AgentState.Busy ? 1 : 0;
                wrapUp += agentState == AgentState.WrapUp ? 1 : 0;
                notReady += agentState == AgentState.NotReady ? 1 : 0;
            }

            return new QueueSnapshot(queue, state.Waiting.Count, longestWait, idle, ringing, busy)
            {
                WrapUpAgents = wrapUp,
                NotReadyAgents = notReady,
            };
        }
    }

    /// <summary>Names of the configured queues.</summary>
    public IReadOnlyList<string> QueueNames()
    {
        lock (_lock)
        {
            return [.. _queues.Keys];
        }
    }

    /// <summary>Stops every timer; later inputs throw <see cref="ObjectDisposedException"/>.</summary>
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
                call.DisposeTimers();
                call.RetryTimer?.Dispose();
                foreach (var ring in call.Rings)
                {
                    ring.Timer?.Dispose();
                }
            }

            foreach (var agent in _agents.Values)
            {
                agent.WrapUpTimer?.Dispose();
            }
        }
    }

    private AcdQueue RequireQueueLocked(string queue)
        => _queues.TryGetValue(queue, out var state)
            ? state
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
                OfferCall?.Invoke((AcdOffer)e.Payload!);
                break;
            case AcdEventKind.Withdrawn:
                OfferWithdrawn?.Invoke((AcdOffer)e.Payload!);
                break;
            case AcdEventKind.Overflowed:
                CallOverflowed?.Invoke((AcdOverflow)e.Payload!);
                break;
            case AcdEventKind.AgentStateChanged:
                AgentStateChanged?.Invoke((AgentStateChange)e.Payload!);
                break;
            case AcdEventKind.CallStep:
                CallStep?.Invoke((AcdCallEvent)e.Payload!);
                break;
            case AcdEventKind.CallbackDue:
                CallbackDue?.Invoke((AcdCallback)e.Payload!);
                break;
            default:
                CallNoAgents?.Invoke(e.CallId, e.Queue);
                break;
        }
    }
}
