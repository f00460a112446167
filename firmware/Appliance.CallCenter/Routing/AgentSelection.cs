using Appliance.CallCenter.Agents;
using Appliance.CallCenter.Queues;
using Serilog;

namespace Appliance.CallCenter.Routing;

/// <summary>
/// Picks the agent to ring for one waiting call by its queue's strategy. Called with the
/// distributor's lock held.
/// </summary>
internal static class AgentSelection
{
    public static AcdAgent? Pick(AcdCall call, IEnumerable<AcdAgent> agents, ILogger log)
        => call.Queue.Strategy switch
        {
            QueueStrategy.LongestIdle => PickLongestIdle(call, agents, log),
            _ => throw new InvalidOperationException(
                $"Queue '{call.Queue.Name}' has strategy {call.Queue.Strategy}, which the ACD lacks."),
        };

    // The idle member not yet tried in this round whose idle-since is oldest. The round starts
    // again once every logged-in member has been tried; until then the call waits for an
    // untried member rather than ring one who already missed it.
    private static AcdAgent? PickLongestIdle(AcdCall call, IEnumerable<AcdAgent> agents, ILogger log)
    {
        var queue = call.Queue.Name;
        var roundComplete = call.Tried.Count > 0;
        foreach (var agent in agents)
        {
            if (agent.IsLoggedIn && agent.IsMemberOf(queue) && !call.Tried.Contains(agent.AgentId))
            {
                roundComplete = false;
                break;
            }
        }

        if (roundComplete)
        {
            log.Debug("Call {CallId} in {Queue} was offered to every agent; starting a new round",
                call.CallId, queue);
            call.Tried.Clear();
        }

        AcdAgent? best = null;
        foreach (var agent in agents)
        {
            if (agent.State == AgentState.Idle
                && agent.IsMemberOf(queue)
                && !call.Tried.Contains(agent.AgentId)
                && (best is null || agent.WentIdleBefore(best)))
            {
                best = agent;
            }
        }

        return best;
    }
}
