using Appliance.CallCenter.Agents;
using Appliance.CallCenter.Queues;

namespace Appliance.CallCenter.Routing;

/// <summary>Checks the queues and agents handed to the distributor before it takes them.</summary>
internal static class AcdConfiguration
{
    public static Dictionary<string, QueueDefinition> ValidateQueues(IEnumerable<QueueDefinition> queues)
    {
        var map = new Dictionary<string, QueueDefinition>(StringComparer.Ordinal);
        foreach (var queue in queues)
        {
            ArgumentNullException.ThrowIfNull(queue, nameof(queues));
            if (string.IsNullOrEmpty(queue.Name))
            {
                throw new ArgumentException("A queue has an empty name.", nameof(queues));
            }

            if (queue.RingTimeout <= TimeSpan.Zero)
            {
                throw new ArgumentException(
                    $"Queue '{queue.Name}' has ring timeout {queue.RingTimeout}; it must be positive.",
                    nameof(queues));
            }

            if (!Enum.IsDefined(queue.Strategy))
            {
                throw new ArgumentException(
                    $"Queue '{queue.Name}' has unknown strategy {queue.Strategy}.", nameof(queues));
            }

            if (!map.TryAdd(queue.Name, queue))
            {
                throw new ArgumentException($"Queue '{queue.Name}' is defined twice.", nameof(queues));
            }
        }

        return map;
    }

    public static List<AgentDefinition> ValidateAgents(
        IEnumerable<AgentDefinition> agents,
        Dictionary<string, QueueDefinition> queues)
    {
        var list = new List<AgentDefinition>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var agent in agents)
        {
            ArgumentNullException.ThrowIfNull(agent, nameof(agents));
            if (string.IsNullOrEmpty(agent.AgentId) || !seen.Add(agent.AgentId))
            {
                throw new ArgumentException(
                    $"Agent id '{agent.AgentId}' is empty or defined twice.", nameof(agents));
            }

            foreach (var queue in agent.Queues)
            {
                if (!queues.ContainsKey(queue))
                {
                    throw new ArgumentException(
                        $"Agent '{agent.AgentId}' is a member of queue '{queue}', which is not configured.",
                        nameof(agents));
                }
            }

            list.Add(agent);
        }

        return list;
    }
}
