using Appliance.CallCenter.Agents;

namespace Appliance.CallCenter.Routing;

/// <summary>Wrap-up ended by the agent before its queue's wrap-up time ran out.</summary>
public sealed partial class AutomaticCallDistributor
{
    /// <summary>
    /// The agent says its wrap-up is done (from the desktop): it becomes idle at once, with
    /// idle-since = now as when the time runs out, and is offered the next waiting call.
    /// </summary>
    /// <returns>False when the agent is unknown or not in wrap-up, and nothing changed.</returns>
    public bool EndWrapUp(string agentId)
    {
        ArgumentNullException.ThrowIfNull(agentId);

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_agents.TryGetValue(agentId, out var agent)
                || agent.State != AgentState.WrapUp
                || agent.WrapUpTimer is null)
            {
                return false;
            }

            StopWrapUpLocked(agent);
            _log.Information("Agent {Agent} ended wrap-up early", agentId);
            SettleLocked(agent, markIdle: true);
            DispatchForAgentLocked(agent);
        }

        Publish();
        return true;
    }
}
