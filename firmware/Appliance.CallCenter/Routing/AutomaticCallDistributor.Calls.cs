using System.Diagnostics.CodeAnalysis;
using Appliance.CallCenter.Agents;
using Appliance.CallCenter.Queues;

namespace Appliance.CallCenter.Routing;

/// <summary>The call inputs of the distributor: joining, leaving, answering and ending.</summary>
public sealed partial class AutomaticCallDistributor
{
    /// <summary>Puts a call of normal priority at the back of a queue.</summary>
    /// <exception cref="ArgumentException">The queue is not configured, or the call is already
    /// in the distributor.</exception>
    public EnqueueResult Enqueue(string callId, string queue) => Enqueue(callId, queue, CallRequirements.Normal);

    /// <summary>
    /// Puts a call in a queue, behind the calls of its priority and above those of lower
    /// priority, and rings an agent when one may take it.
    /// </summary>
    /// <returns><see cref="EnqueueResult.NoAgents"/>, without queuing the call, when the queue's
    /// join rule finds it empty; <see cref="EnqueueResult.Overflowed"/> when it is at its
    /// overflow length.</returns>
    /// <exception cref="ArgumentException">The queue is not configured, or the call is already
    /// in the distributor.</exception>
    public EnqueueResult Enqueue(string callId, string queue, CallRequirements requirements)
    {
        ArgumentException.ThrowIfNullOrEmpty(callId);
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(requirements);

        EnqueueResult result;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var state = RequireQueueLocked(queue);
            if (_calls.TryGetValue(callId, out var existing))
            {
                throw new ArgumentException(
                    $"Call '{callId}' is already in queue '{existing.Queue.Name}'.", nameof(callId));
            }

            if (IsEmptyLocked(state, state.Definition.RefuseWhen))
            {
                _log.Information("Call {CallId} not queued in {Queue}: no agent of the queue is logged in",
                    callId, queue);
                return EnqueueResult.NoAgents;
            }

            var call = new AcdCall(callId, state, requirements, _time.GetUtcNow(), ++_callSequence);
            _calls.Add(callId, call);
            var definition = state.Definition;
            var atLimit = definition.OverflowWhenWaiting is { } limit && state.Waiting.Count >= limit;
            if (atLimit && definition.OverflowTo!.Kind != QueueExitKind.Callback)
            {
                StepLocked(AcdCallEventKind.Queued, call, null, TimeSpan.Zero);
                OverflowLocked(call, OverflowReason.QueueLength, definition.OverflowTo!);
                result = EnqueueResult.Overflowed;
            }
            else
            {
                EnterQueueLocked(call, state);
                _log.Information("Call {CallId} queued in {Queue} at position {Position}",
                    callId, queue, PositionLocked(call));
                DispatchLocked(state);
                if (atLimit && call.AnsweredBy is null && call.Rings.Count == 0)
                {
                    OverflowLocked(call, OverflowReason.QueueLength, definition.OverflowTo!);
                }

                result = EnqueueResult.Queued;
            }
        }

        Publish();
        return result;
    }

    /// <summary>
    /// The caller hung up before an agent answered: the call leaves its queue and ringing
    /// offers are withdrawn (<see cref="WithdrawReason.CallerAbandoned"/>). An unknown or
    /// already answered call is ignored: an answered call ends with <see cref="CallEnded"/>.
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

            var queue = call.Queue;
            var waited = _time.GetUtcNow() - call.QueueEnteredUtc;
            RemoveWaitingLocked(call);
            _log.Information("Call {CallId} abandoned in {Queue} after {WaitSeconds} s",
                callId, queue.Name, (long)waited.TotalSeconds);
            StepLocked(AcdCallEventKind.Abandoned, call, null, waited);
            WithdrawAllLocked(call, WithdrawReason.CallerAbandoned);
            DispatchLocked(queue);
        }

        Publish();
    }

    /// <summary>
    /// The agent's phone answered the offer: the agent is busy until <see cref="CallEnded"/>;
    /// in a ring-all queue the other phones are withdrawn.
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
            var now = _time.GetUtcNow();
            ring.Timer?.Dispose();
            call.Rings.Remove(ring);
            agent.Ring = null;
            RemoveWaitingLocked(call);
            _calls.Add(callId, call);
            call.AnsweredBy = agent;
            call.AnsweredUtc = now;
            agent.MissedOffers = 0;
            agent.Memberships[ring.Queue.Name].CallsAnswered++;
            SetStateLocked(agent, AgentState.Busy, call);
            var waited = now - call.QueueEnteredUtc;
            _log.Information("Call {CallId} from {Queue} answered by agent {Agent} after {WaitSeconds} s",
                callId, call.Queue.Name, agentId, (long)waited.TotalSeconds);
            StepLocked(AcdCallEventKind.Answered, call, agent, waited);
            WithdrawAllLocked(call, WithdrawReason.AnsweredElsewhere);
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
                agentId, callId, ring.Queue.Name);
            ring.Timer?.Dispose();
            ring.Call.Rings.Remove(ring);
            agent.Ring = null;
            agent.Call = null;
            SettleLocked(agent, markIdle: false);
            DispatchLocked(ring.Call.Queue);
            DispatchForAgentLocked(agent);
        }

        Publish();
    }

    /// <summary>
    /// An answered call ended: the call leaves the distributor and the agent goes to wrap-up
    /// for the queue's wrap-up time, then idle with idle-since = now, so it is the last of the
    /// idle agents to get the next call (or not ready, or logged out, as it chose meanwhile).
    /// A call the agent is not on is ignored with a Warning.
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
            var talked = _time.GetUtcNow() - call.AnsweredUtc;
            if (agent.Memberships.TryGetValue(call.Queue.Name, out var member))
            {
                member.TalkTime += talked;
            }

            StepLocked(AcdCallEventKind.Completed, call, agent, talked);
            var wrapUp = call.Queue.Definition.WrapUp;
            if (agent.LoggingOut)
            {
                agent.LoggingOut = false;
                SetStateLocked(agent, AgentState.LoggedOut, call);
                _log.Information("Call {CallId} from {Queue} ended; agent {Agent} logged out",
                    callId, call.Queue.Name, agentId);
                DropCallsOfEmptyQueuesLocked(agent);
            }
            else if (wrapUp > TimeSpan.Zero && agent.Ready && RestingStateOf(agent) != AgentState.LoggedOut)
            {
                StartWrapUpLocked(agent, call, wrapUp);
                _log.Information("Call {CallId} from {Queue} ended; agent {Agent} in wrap-up for {WrapUp}",
                    callId, call.Queue.Name, agentId, wrapUp);
            }
            else
            {
                SettleLocked(agent, markIdle: true);
                _log.Information("Call {CallId} from {Queue} ended; agent {Agent} is {State}",
                    callId, call.Queue.Name, agentId, agent.State);
                DispatchForAgentLocked(agent);
            }
        }

        Publish();
    }

    /// <summary>The call's place in its queue, 1 for the next to be served; null when not waiting.</summary>
    public int? PositionOf(string callId)
    {
        ArgumentNullException.ThrowIfNull(callId);

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _calls.TryGetValue(callId, out var call) && call.AnsweredBy is null
                ? PositionLocked(call)
                : null;
        }
    }

    private void OnRingTimeout(AcdRing ring)
    {
        lock (_lock)
        {
            // The offer may have been answered, refused or withdrawn while the timer fired.
            if (_disposed || !ring.Call.Rings.Contains(ring))
            {
                return;
            }

            var agent = ring.Agent;
            _log.Information(
                "Agent {Agent} did not answer call {CallId} from {Queue} within {RingTimeout}",
                agent.AgentId, ring.Call.CallId, ring.Queue.Name, ring.Queue.Definition.RingTimeout);
            agent.MissedOffers++;
            var limit = ring.Queue.Definition.MissedOffersBeforeNotReady;
            if (limit > 0 && agent.MissedOffers >= limit)
            {
                agent.Ready = false;
                agent.Reason = NotReadyReason.MissedOffers;
                _log.Warning("Agent {Agent} set not ready after {MissedOffers} missed offers in a row",
                    agent.AgentId, agent.MissedOffers);
            }

            // The missed agent goes to the back of the idle line, so the others are rung first.
            WithdrawLocked(ring, WithdrawReason.RingNoAnswer, markIdle: true);
            DropCallsOfEmptyQueuesLocked(agent);
            DispatchLocked(ring.Call.Queue);
            DispatchForAgentLocked(agent);
        }

        Publish();
    }

    private void OnCallTimer(AcdCall call, AcdQueue queue, OverflowReason reason)
    {
        lock (_lock)
        {
            if (_disposed || call.AnsweredBy is not null || !ReferenceEquals(call.Queue, queue)
                || !_calls.TryGetValue(call.CallId, out var current) || !ReferenceEquals(current, call))
            {
                return;
            }

            // The timer was armed by the rules the call joined under; a live change may have
            // turned the rule off since, and then the call stays where it is.
            var definition = queue.Definition;
            var exit = reason == OverflowReason.MaxWait
                ? (definition.MaxWait is null ? null : definition.MaxWaitExit)
                : (definition.OverflowAfter is null ? null : definition.OverflowTo);
            if (exit is null)
            {
                _log.Information("Call {CallId} stays in {Queue}: its {OverflowReason} rule was removed while it waited",
                    call.CallId, queue.Name, reason);
                return;
            }

            OverflowLocked(call, reason, exit);
        }

        Publish();
    }

    private void OnLevelWidened(AcdCall call, AcdQueue queue, ITimer timer)
    {
        lock (_lock)
        {
            if (_disposed || call.AnsweredBy is not null || !ReferenceEquals(call.Queue, queue))
            {
                return;
            }

            var level = call.RequiredLevelAt(_time.GetUtcNow());
            _log.Debug("Call {CallId} in {Queue} now takes skill level {Level}", call.CallId, queue.Name, level);
            if (level <= 1)
            {
                timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }

            DispatchLocked(queue);
        }

        Publish();
    }

    private void EnterQueueLocked(AcdCall call, AcdQueue queue)
    {
        call.Queue = queue;
        call.QueueEnteredUtc = _time.GetUtcNow();
        call.Tried.Clear();
        queue.Waiting.Add(call);
        StepLocked(AcdCallEventKind.Queued, call, null, TimeSpan.Zero);

        var definition = queue.Definition;
        if (definition.OverflowAfter is { } after)
        {
            call.Timers.Add(_time.CreateTimer(
                _ => OnCallTimer(call, queue, OverflowReason.WaitTime), null, after, Timeout.InfiniteTimeSpan));
        }

        if (definition.MaxWait is { } max)
        {
            call.Timers.Add(_time.CreateTimer(
                _ => OnCallTimer(call, queue, OverflowReason.MaxWait), null, max, Timeout.InfiniteTimeSpan));
        }

        if (call.Skill is not null && definition.WidenLevelEvery is { } every && call.RequiredLevelAt(call.QueueEnteredUtc) > 1)
        {
            ITimer? timer = null;
            timer = _time.CreateTimer(_ => OnLevelWidened(call, queue, timer!), null, every, every);
            call.Timers.Add(timer);
        }
    }

    // A rule sends the call elsewhere: out of the distributor, or into another queue where it
    // keeps its arrival order.
    private void OverflowLocked(AcdCall call, OverflowReason reason, QueueExit exit)
    {
        var from = call.Queue;
        if (exit.Kind == QueueExitKind.Callback)
        {
            // The caller is offered a callback and keeps its place while it decides.
            _log.Information("Call {CallId} in {Queue} is offered a callback: {OverflowReason}",
                call.CallId, from.Name, reason);
            _outbox.AddLocked(new AcdEvent(
                AcdEventKind.Overflowed, call.CallId, from.Name, new AcdOverflow(call.CallId, from.Name, reason, exit)));
            return;
        }

        var waited = _time.GetUtcNow() - call.QueueEnteredUtc;
        RemoveWaitingLocked(call);
        _log.Information("Call {CallId} left {Queue} for {Exit} after {WaitSeconds} s: {OverflowReason}",
            call.CallId, from.Name, exit, (long)waited.TotalSeconds, reason);
        StepLocked(AcdCallEventKind.Overflowed, call, null, waited);
        _outbox.AddLocked(new AcdEvent(
            AcdEventKind.Overflowed, call.CallId, from.Name, new AcdOverflow(call.CallId, from.Name, reason, exit)));
        WithdrawAllLocked(call, WithdrawReason.Overflowed);

        if (exit.Kind == QueueExitKind.Queue && _queues.TryGetValue(exit.Target!, out var target))
        {
            _calls.Add(call.CallId, call);
            if (IsEmptyLocked(target, target.Definition.RefuseWhen))
            {
                call.Queue = target;
                RemoveWaitingLocked(call);
                _log.Information("Call {CallId} not queued in {Queue}: no agent of the queue is logged in",
                    call.CallId, target.Name);
                _outbox.AddLocked(new AcdEvent(AcdEventKind.NoAgents, call.CallId, target.Name, null));
                return;
            }

            EnterQueueLocked(call, target);
            DispatchLocked(target);
        }
    }

    private void DropCallsOfEmptyQueuesLocked(AcdAgent agent)
    {
        foreach (var member in agent.Memberships.Values)
        {
            var queue = member.Queue;
            if (queue.Waiting.Count == 0 || !IsEmptyLocked(queue, queue.Definition.LeaveWhen))
            {
                continue;
            }

            var now = _time.GetUtcNow();
            foreach (var call in queue.Waiting.ToArray())
            {
                RemoveWaitingLocked(call);
                WithdrawAllLocked(call, WithdrawReason.AgentLoggedOut);
                _log.Information("Call {CallId} left {Queue}: no agent of the queue is logged in any more",
                    call.CallId, queue.Name);
                StepLocked(AcdCallEventKind.NoAgents, call, null, now - call.QueueEnteredUtc);
                _outbox.AddLocked(new AcdEvent(AcdEventKind.NoAgents, call.CallId, queue.Name, null));
            }
        }
    }

    private static bool IsEmptyLocked(AcdQueue queue, EmptyQueueCondition condition)
    {
        if (condition == EmptyQueueCondition.Never)
        {
            return false;
        }

        foreach (var member in queue.Members)
        {
            var agent = member.Agent;
            if (member.LoggedIn && agent.IsLoggedIn
                && (condition == EmptyQueueCondition.NoneLoggedIn || agent.Ready))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Takes the call out of its queue and the distributor, with its timers.</summary>
    private void RemoveWaitingLocked(AcdCall call)
    {
        call.Queue.Waiting.Remove(call);
        call.DisposeTimers();
        call.RetryTimer?.Dispose();
        _calls.Remove(call.CallId);
        CallBackIfDueLocked(call.Queue);
    }

    private static int PositionLocked(AcdCall call)
    {
        var position = 1;
        foreach (var other in call.Queue.Waiting)
        {
            if (ReferenceEquals(other, call))
            {
                return position;
            }

            position++;
        }

        return position;
    }

    private void StepLocked(AcdCallEventKind kind, AcdCall call, AcdAgent? agent, TimeSpan duration)
        => _outbox.AddLocked(new AcdEvent(
            AcdEventKind.CallStep,
            call.CallId,
            call.Queue.Name,
            new AcdCallEvent(kind, call.CallId, call.Queue.Name, agent?.AgentId, _time.GetUtcNow(), duration)));

    private bool TryGetRingLocked(string callId, AcdAgent agent, [NotNullWhen(true)] out AcdRing? ring)
    {
        ring = agent.Ring is { } current && string.Equals(current.Call.CallId, callId, StringComparison.Ordinal)
            && _calls.ContainsKey(callId)
            ? current
            : null;
        return ring is not null;
    }
}
