using Appliance.CallCenter.Agents;
using Appliance.CallCenter.Queues;
using Appliance.CallCenter.Routing;

namespace Appliance.CallCenter.Figures;

/// <summary>
/// Per-queue and per-agent figures by 15-minute interval, counted from the distributor's events:
/// offered, answered, abandoned (and short abandons), answered within the service level, waits,
/// talk, longest wait, and each agent's time per state. <see cref="TakeClosed"/> hands over the
/// intervals that are over, for storing; the open ones are the live figures.
/// </summary>
/// <remarks>Thread-safe: events may arrive from any thread; one lock guards the counters.</remarks>
public sealed class CallCenterFigures
{
    /// <summary>Length of one reporting interval.</summary>
    public static readonly TimeSpan IntervalLength = TimeSpan.FromMinutes(15);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, QueueDefinition> _queues;
    private readonly Dictionary<(string, DateTimeOffset), QueueInterval> _queueIntervals = [];
    private readonly Dictionary<(string, DateTimeOffset), AgentInterval> _agentIntervals = [];
    private readonly Dictionary<string, (AgentState State, DateTimeOffset Since)> _agentStates =
        new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _queuedAt = new(StringComparer.Ordinal);

    public CallCenterFigures(IEnumerable<QueueDefinition> queues)
    {
        ArgumentNullException.ThrowIfNull(queues);
        _queues = queues.ToDictionary(q => q.Name, StringComparer.Ordinal);
    }

    /// <summary>Counts the distributor's events from now on.</summary>
    public void Attach(AutomaticCallDistributor acd)
    {
        ArgumentNullException.ThrowIfNull(acd);
        acd.CallStep += OnCallStep;
        acd.AgentStateChanged += OnAgentStateChanged;
    }

    /// <summary>The start of the interval holding <paramref name="at"/>.</summary>
    public static DateTimeOffset IntervalOf(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % IntervalLength.Ticks, TimeSpan.Zero);
    }

    /// <summary>The queue's figures for the interval starting at <paramref name="startUtc"/>, live if it is open.</summary>
    public QueueInterval Queue(string queue, DateTimeOffset startUtc)
    {
        lock (_lock)
        {
            return QueueIntervalLocked(queue, IntervalOf(startUtc));
        }
    }

    /// <summary>The agent's figures for an interval, with its current state counted up to <paramref name="nowUtc"/>.</summary>
    public AgentInterval Agent(string agentId, DateTimeOffset startUtc, DateTimeOffset nowUtc)
    {
        lock (_lock)
        {
            AccrueLocked(agentId, nowUtc);
            return AgentIntervalLocked(agentId, IntervalOf(startUtc));
        }
    }

    /// <summary>
    /// Removes and returns every interval that ended by <paramref name="nowUtc"/> (agents' time
    /// counted up to its end), oldest first. A queue interval is handed over once its calls
    /// have had an interval's time to finish.
    /// </summary>
    public (IReadOnlyList<QueueInterval> Queues, IReadOnlyList<AgentInterval> Agents) TakeClosed(DateTimeOffset nowUtc)
    {
        lock (_lock)
        {
            var current = IntervalOf(nowUtc);
            foreach (var agent in _agentStates.Keys.ToArray())
            {
                AccrueLocked(agent, current);
            }

            var queues = _queueIntervals.Where(e => e.Key.Item2 + IntervalLength < current)
                .Select(e => e.Value).OrderBy(i => i.StartUtc).ToList();
            var agents = _agentIntervals.Where(e => e.Key.Item2 < current)
                .Select(e => e.Value).OrderBy(i => i.StartUtc).ToList();
            foreach (var closed in queues)
            {
                _queueIntervals.Remove((closed.Queue, closed.StartUtc));
            }

            foreach (var closed in agents)
            {
                _agentIntervals.Remove((closed.AgentId, closed.StartUtc));
            }

            return (queues, agents);
        }
    }

    /// <summary>
    /// Copies of the intervals still open at <paramref name="nowUtc"/> (agents' time counted up to
    /// it), for a store that keeps the figures of a stop or power cut; they stay here and keep
    /// counting.
    /// </summary>
    public (IReadOnlyList<QueueInterval> Queues, IReadOnlyList<AgentInterval> Agents) SnapshotOpen(DateTimeOffset nowUtc)
    {
        lock (_lock)
        {
            foreach (var agent in _agentStates.Keys.ToArray())
            {
                AccrueLocked(agent, nowUtc);
            }

            var queues = _queueIntervals.Values.OrderBy(i => i.StartUtc).Select(i => i.Copy()).ToList();
            var agents = _agentIntervals.Values.OrderBy(i => i.StartUtc).Select(i => i.Copy()).ToList();
            return (queues, agents);
        }
    }

    /// <summary>
    /// Puts back the open intervals stored before a restart, so that counting goes on from their
    /// figures instead of from zero. Call it before <see cref="Attach"/>; an interval already
    /// counted here is left as it is.
    /// </summary>
    public void Restore(IEnumerable<QueueInterval> queues, IEnumerable<AgentInterval> agents)
    {
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(agents);

        lock (_lock)
        {
            foreach (var q in queues)
            {
                _queueIntervals.TryAdd((q.Queue, q.StartUtc), q.Copy());
            }

            foreach (var a in agents)
            {
                _agentIntervals.TryAdd((a.AgentId, a.StartUtc), a.Copy());
            }
        }
    }

    private void OnCallStep(AcdCallEvent step)
    {
        lock (_lock)
        {
            var enteredAt = step.AtUtc - step.Duration;
            if (step.Kind == AcdCallEventKind.Completed)
            {
                enteredAt = _queuedAt.Remove(step.CallId, out var queued) ? queued : step.AtUtc;
            }

            var interval = QueueIntervalLocked(step.Queue, IntervalOf(enteredAt));
            var definition = _queues.GetValueOrDefault(step.Queue);
            switch (step.Kind)
            {
                case AcdCallEventKind.Queued:
                    interval.Offered++;
                    break;
                case AcdCallEventKind.Answered:
                    interval.Answered++;
                    interval.TotalAnswerWait += step.Duration;
                    interval.AnsweredWithinTarget +=
                        step.Duration <= (definition?.ServiceLevelTarget ?? TimeSpan.FromSeconds(20)) ? 1 : 0;
                    _queuedAt[step.CallId] = enteredAt;
                    if (step.AgentId is not null)
                    {
                        AgentIntervalLocked(step.AgentId, IntervalOf(step.AtUtc)).CallsAnswered++;
                    }

                    break;
                case AcdCallEventKind.Abandoned:
                    interval.Abandoned++;
                    interval.TotalAbandonWait += step.Duration;
                    interval.ShortAbandoned += step.Duration <= (definition?.ShortAbandon ?? TimeSpan.Zero) ? 1 : 0;
                    break;
                case AcdCallEventKind.Overflowed:
                case AcdCallEventKind.NoAgents:
                    interval.Overflowed++;
                    break;
                case AcdCallEventKind.Completed:
                    interval.Completed++;
                    interval.TotalTalk += step.Duration;
                    if (step.AgentId is not null)
                    {
                        AgentIntervalLocked(step.AgentId, IntervalOf(step.AtUtc)).TotalTalk += step.Duration;
                    }

                    break;
            }

            if (step.Kind is AcdCallEventKind.Answered or AcdCallEventKind.Abandoned or AcdCallEventKind.Overflowed
                && step.Duration > interval.LongestWait)
            {
                interval.LongestWait = step.Duration;
            }
        }
    }

    private void OnAgentStateChanged(AgentStateChange change)
    {
        lock (_lock)
        {
            AccrueLocked(change.AgentId, change.AtUtc);
            _agentStates[change.AgentId] = (change.Current, change.AtUtc);
        }
    }

    // Adds the time since the agent's last change to its state, split at interval boundaries.
    private void AccrueLocked(string agentId, DateTimeOffset until)
    {
        if (!_agentStates.TryGetValue(agentId, out var current) || until <= current.Since)
        {
            return;
        }

        var from = current.Since;
        while (from < until)
        {
            var start = IntervalOf(from);
            var end = start + IntervalLength < until ? start + IntervalLength : until;
            AgentIntervalLocked(agentId, start).Add(current.State, end - from);
            from = end;
        }

        _agentStates[agentId] = (current.State, until);
    }

    private QueueInterval QueueIntervalLocked(string queue, DateTimeOffset start)
    {
        if (!_queueIntervals.TryGetValue((queue, start), out var interval))
        {
            _queueIntervals.Add((queue, start), interval = new QueueInterval(queue, start));
        }

        return interval;
    }

    private AgentInterval AgentIntervalLocked(string agentId, DateTimeOffset start)
    {
        if (!_agentIntervals.TryGetValue((agentId, start), out var interval))
        {
            _agentIntervals.Add((agentId, start), interval = new AgentInterval(agentId, start));
        }

        return interval;
    }
}
