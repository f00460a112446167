using Appliance.CallCenter.Agents;

namespace Appliance.CallCenter.Routing;

/// <summary>The agent inputs of the distributor: phones, logins, ready and not ready, wrap-up.</summary>
public sealed partial class AutomaticCallDistributor
{
    /// <summary>
    /// The agent's phone registered: a logged-out agent logs in (idle, or not ready when it
    /// chose so before) with idle-since = now. A refreshed registration changes nothing. An id
    /// that is not a configured agent (a plain extension) is ignored.
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

            agent.Present = true;
            if (agent.LoggingOut)
            {
                agent.LoggingOut = false;
                _log.Information("Agent {Agent} logged in again during its call", agentId);
            }
            else if (agent.State == AgentState.LoggedOut)
            {
                SettleLocked(agent, markIdle: true);
                if (agent.State != AgentState.LoggedOut)
                {
                    _log.Information("Agent {Agent} logged in as {State}", agentId, agent.State);
                }

                DispatchForAgentLocked(agent);
            }
        }

        Publish();
    }

    /// <summary>
    /// The agent's phone unregistered. An idle agent is logged out at once; a ringing offer is
    /// withdrawn (<see cref="WithdrawReason.AgentLoggedOut"/>) and the next agent is rung; a
    /// busy agent keeps its call and is logged out when it ends. Waiting calls of a queue left
    /// empty by its leave rule are sent away with <see cref="CallNoAgents"/>.
    /// </summary>
    public void AgentUnavailable(string agentId)
    {
        ArgumentNullException.ThrowIfNull(agentId);

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_agents.TryGetValue(agentId, out var agent) || !agent.Present)
            {
                return;
            }

            agent.Present = false;
            if (agent.State == AgentState.Busy)
            {
                agent.LoggingOut = true;
                _log.Information("Agent {Agent} logged out; it stays busy until its call ends", agentId);
            }
            else if (agent.State != AgentState.LoggedOut)
            {
                _log.Information("Agent {Agent} logged out from {State}", agentId, agent.State);
                LeaveLocked(agent, WithdrawReason.AgentLoggedOut);
            }

            DropCallsOfEmptyQueuesLocked(agent);
        }

        Publish();
    }

    /// <summary>
    /// Logs the agent in to one of its queues, or to all of them when <paramref name="queue"/>
    /// is null. An agent whose phone is registered starts taking that queue's calls.
    /// </summary>
    /// <exception cref="ArgumentException">The agent is not configured or not a member of the queue.</exception>
    public void LogIn(string agentId, string? queue = null) => SetLogin(agentId, queue, loggedIn: true);

    /// <summary>
    /// Logs the agent out of one of its queues, or of all of them when <paramref name="queue"/>
    /// is null. A ringing offer of such a queue is withdrawn; a call in progress goes on.
    /// </summary>
    /// <exception cref="ArgumentException">The agent is not configured or not a member of the queue.</exception>
    public void LogOut(string agentId, string? queue = null) => SetLogin(agentId, queue, loggedIn: false);

    /// <summary>
    /// The agent is ready: not ready and wrap-up end now (wrap-up ends early), and the missed
    /// offer count starts again.
    /// </summary>
    /// <exception cref="ArgumentException">The agent is not configured.</exception>
    public void SetReady(string agentId)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var agent = RequireAgentLocked(agentId);
            agent.Ready = true;
            agent.Reason = null;
            agent.MissedOffers = 0;
            _log.Information("Agent {Agent} is ready", agentId);
            if (agent.State is AgentState.NotReady or AgentState.WrapUp)
            {
                StopWrapUpLocked(agent);
                SettleLocked(agent, markIdle: true);
                DispatchForAgentLocked(agent);
            }
        }

        Publish();
    }

    /// <summary>
    /// The agent is not ready for <paramref name="reasonCode"/> (one of the configured reasons,
    /// or null for none). Idle or in wrap-up: not ready now; ringing: the offer is withdrawn; on
    /// a call: not ready once it ends.
    /// </summary>
    /// <returns>False, changing nothing, when the code is not a configured reason.</returns>
    /// <exception cref="ArgumentException">The agent is not configured.</exception>
    public bool SetNotReady(string agentId, int? reasonCode)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var agent = RequireAgentLocked(agentId);
            NotReadyReason reason;
            if (reasonCode is not { } code)
            {
                reason = NotReadyReason.Unspecified;
            }
            else if (!_reasons.TryGetValue(code, out reason!))
            {
                _log.Information("Agent {Agent} asked for unknown not-ready reason {ReasonCode}", agentId, code);
                return false;
            }

            agent.Ready = false;
            agent.Reason = reason;
            _log.Information("Agent {Agent} is not ready: {Reason}", agentId, reason.Name);
            if (agent.State is AgentState.Idle or AgentState.Ringing or AgentState.WrapUp or AgentState.NotReady)
            {
                LeaveLocked(agent, WithdrawReason.AgentNotReady);
            }

            DropCallsOfEmptyQueuesLocked(agent);
        }

        Publish();
        return true;
    }

    /// <summary>What the agent chose (ready, reason, queue logins), for storing across a restart.</summary>
    /// <exception cref="ArgumentException">The agent is not configured.</exception>
    public AgentStatus GetAgentStatus(string agentId)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return StatusOfLocked(RequireAgentLocked(agentId));
        }
    }

    /// <summary>
    /// Puts back what agents chose before a restart. Call it after <see cref="Configure(
    /// IEnumerable{Queues.QueueDefinition}, IEnumerable{AgentDefinition})"/> and before phones
    /// register. Unknown agents and queues are skipped; a reason code no longer configured
    /// becomes <see cref="NotReadyReason.Unspecified"/>.
    /// </summary>
    public void Restore(IEnumerable<AgentStatus> statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            foreach (var status in statuses)
            {
                if (status is null || !_agents.TryGetValue(status.AgentId, out var agent))
                {
                    continue;
                }

                agent.Ready = status.Ready;
                agent.Reason = status.Ready ? null : RestoredReason(status.Reason);
                foreach (var member in agent.Memberships.Values)
                {
                    member.LoggedIn = !status.LoggedOutQueues.Contains(member.Queue.Name, StringComparer.Ordinal);
                }

                if (agent.State is AgentState.Idle or AgentState.NotReady)
                {
                    SettleLocked(agent, markIdle: true);
                }
            }
        }

        Publish();
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

    private NotReadyReason RestoredReason(NotReadyReason? stored)
    {
        if (stored?.Code is { } code)
        {
            return _reasons.TryGetValue(code, out var configured) ? configured : NotReadyReason.Unspecified;
        }

        return stored?.Name == NotReadyReason.MissedOffers.Name
            ? NotReadyReason.MissedOffers
            : NotReadyReason.Unspecified;
    }

    private void SetLogin(string agentId, string? queue, bool loggedIn)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var agent = RequireAgentLocked(agentId);
            if (queue is not null && !agent.Memberships.ContainsKey(queue))
            {
                throw new ArgumentException($"Agent '{agentId}' is not a member of queue '{queue}'.", nameof(queue));
            }

            foreach (var member in agent.Memberships.Values)
            {
                if (queue is null || string.Equals(member.Queue.Name, queue, StringComparison.Ordinal))
                {
                    member.LoggedIn = loggedIn;
                }
            }

            _log.Information(loggedIn ? "Agent {Agent} logged in to {Queue}" : "Agent {Agent} logged out of {Queue}",
                agentId, queue ?? "all its queues");
            if (!loggedIn)
            {
                if (agent.Ring is { } ring && !agent.Memberships[ring.Queue.Name].LoggedIn)
                {
                    WithdrawLocked(ring, WithdrawReason.AgentLoggedOut, markIdle: false);
                    DispatchLocked(ring.Call.Queue);
                }

                if (agent.State is AgentState.Idle or AgentState.NotReady or AgentState.WrapUp
                    && !agent.HasQueueLoggedIn())
                {
                    StopWrapUpLocked(agent);
                    SettleLocked(agent, markIdle: false);
                }

                DropCallsOfEmptyQueuesLocked(agent);
            }
            else if (agent.State == AgentState.LoggedOut && agent.Present)
            {
                SettleLocked(agent, markIdle: true);
                DispatchForAgentLocked(agent);
            }
            else
            {
                DispatchForAgentLocked(agent);
            }
        }

        Publish();
    }

    // The agent stops taking calls (not ready, logged out): a ringing offer is withdrawn and
    // rung elsewhere, wrap-up stops, and it settles where its choices put it.
    private void LeaveLocked(AcdAgent agent, WithdrawReason reason)
    {
        StopWrapUpLocked(agent);
        if (agent.Ring is { } ring)
        {
            WithdrawLocked(ring, reason, markIdle: false);
            DispatchLocked(ring.Call.Queue);
        }

        SettleLocked(agent, markIdle: false);
    }

    /// <summary>Where an agent that is on no call belongs, by its phone and its choices.</summary>
    private static AgentState RestingStateOf(AcdAgent agent)
        => !agent.Present || !agent.HasQueueLoggedIn()
            ? AgentState.LoggedOut
            : agent.Engaged ? AgentState.Busy
            : agent.Ready ? AgentState.Idle : AgentState.NotReady;

    private void SettleLocked(AcdAgent agent, bool markIdle)
    {
        var next = RestingStateOf(agent);
        if (next == AgentState.Idle && markIdle)
        {
            MarkIdleLocked(agent);
        }

        SetStateLocked(agent, next, null);
    }

    private void SetStateLocked(AcdAgent agent, AgentState state, AcdCall? call)
    {
        if (agent.State == state)
        {
            return;
        }

        var now = _time.GetUtcNow();
        var change = new AgentStateChange(
            agent.AgentId,
            agent.State,
            state,
            now,
            state == AgentState.NotReady ? agent.Reason : null,
            call?.CallId,
            call?.Queue.Name);
        agent.State = state;
        agent.StateSince = now;
        _log.Debug("Agent {Agent} is {State}", agent.AgentId, state);
        _outbox.AddLocked(new AcdEvent(
            AcdEventKind.AgentStateChanged, call?.CallId ?? string.Empty, call?.Queue.Name ?? string.Empty, change));
    }

    private void StartWrapUpLocked(AcdAgent agent, AcdCall call, TimeSpan wrapUp)
    {
        SetStateLocked(agent, AgentState.WrapUp, call);
        ITimer? timer = null;
        timer = _time.CreateTimer(_ => OnWrapUpEnded(agent, timer!), null, wrapUp, Timeout.InfiniteTimeSpan);
        agent.WrapUpTimer = timer;
    }

    private void OnWrapUpEnded(AcdAgent agent, ITimer timer)
    {
        lock (_lock)
        {
            if (_disposed || !ReferenceEquals(agent.WrapUpTimer, timer))
            {
                return;
            }

            StopWrapUpLocked(agent);
            _log.Information("Agent {Agent} finished wrap-up", agent.AgentId);
            SettleLocked(agent, markIdle: true);
            DispatchForAgentLocked(agent);
        }

        Publish();
    }

    private static void StopWrapUpLocked(AcdAgent agent)
    {
        agent.WrapUpTimer?.Dispose();
        agent.WrapUpTimer = null;
    }

    private void MarkIdleLocked(AcdAgent agent)
    {
        agent.IdleSince = _time.GetUtcNow();
        agent.IdleSequence = ++_idleSequence;
    }

    private static AgentStatus StatusOfLocked(AcdAgent agent)
    {
        var loggedOut = new List<string>();
        foreach (var member in agent.Memberships.Values)
        {
            if (!member.LoggedIn)
            {
                loggedOut.Add(member.Queue.Name);
            }
        }

        return new AgentStatus(agent.AgentId, agent.Ready, agent.Reason, loggedOut);
    }
}
