using Appliance.CallCenter.Agents;

namespace Appliance.CallCenter.Routing;

/// <summary>
/// Calls the distributor did not give: an agent on a campaign call is busy to the queues, so
/// no inbound call is offered to it, and comes back as it was when that call is over.
/// </summary>
public sealed partial class AutomaticCallDistributor
{
    /// <summary>
    /// The agent took a call of its own (a campaign call): it shows busy and is offered nothing
    /// until <see cref="AgentReleased"/>. An offer ringing on its phone is withdrawn
    /// (<see cref="WithdrawReason.AgentNotReady"/>) and rung elsewhere; a queue call in progress
    /// goes on. Its ready or not ready choice is kept. An id that is not a configured agent (a
    /// plain extension) is ignored.
    /// </summary>
    public void AgentEngaged(string agentId)
    {
        ArgumentNullException.ThrowIfNull(agentId);

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_agents.TryGetValue(agentId, out var agent) || agent.Engaged)
            {
                return;
            }

            agent.Engaged = true;
            _log.Information("Agent {Agent} is on a call of its own; no queue call is offered", agentId);
            if (agent.State is AgentState.Idle or AgentState.Ringing
                or AgentState.NotReady or AgentState.WrapUp)
            {
                LeaveLocked(agent, WithdrawReason.AgentNotReady);
            }

            DropCallsOfEmptyQueuesLocked(agent);
        }

        Publish();
    }

    /// <summary>
    /// The agent's own call is over: it settles where its choices put it (idle, with idle-since
    /// now, or not ready) and takes the next waiting call; logged out if its phone unregistered
    /// meanwhile. Does nothing for an agent not engaged.
    /// </summary>
    public void AgentReleased(string agentId)
    {
        ArgumentNullException.ThrowIfNull(agentId);

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_agents.TryGetValue(agentId, out var agent) || !agent.Engaged)
            {
                return;
            }

            agent.Engaged = false;
            if (agent.Call is null)
            {
                agent.LoggingOut = false;
                SettleLocked(agent, markIdle: true);
                _log.Information("Agent {Agent} is off its own call and {State}", agentId, agent.State);
                DispatchForAgentLocked(agent);
            }
        }

        Publish();
    }
}
