using Appliance.CallCenter.Agents;
using Appliance.CallCenter.Queues;

namespace Appliance.CallCenter.Routing;

/// <summary>Checks the queues, agents and reasons handed to the distributor before it takes them.</summary>
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

            CheckQueue(queue);
            if (!map.TryAdd(queue.Name, queue))
            {
                throw new ArgumentException($"Queue '{queue.Name}' is defined twice.", nameof(queues));
            }
        }

        foreach (var queue in map.Values)
        {
            CheckExit(queue, queue.OverflowTo, map);
            CheckExit(queue, queue.MaxWaitExit, map);
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

            foreach (var (skill, level) in agent.Skills)
            {
                if (level is < 1 or > 10)
                {
                    throw new ArgumentException(
                        $"Agent '{agent.AgentId}' has skill '{skill}' at level {level}; levels are 1-10.",
                        nameof(agents));
                }
            }

            list.Add(agent);
        }

        return list;
    }

    public static Dictionary<int, NotReadyReason> ValidateReasons(IEnumerable<NotReadyReason> reasons)
    {
        var map = new Dictionary<int, NotReadyReason>();
        foreach (var reason in reasons)
        {
            ArgumentNullException.ThrowIfNull(reason, nameof(reasons));
            if (reason.Code is not { } code || code is < 0 or > 99 || string.IsNullOrWhiteSpace(reason.Name))
            {
                throw new ArgumentException(
                    $"Not-ready reason '{reason.Name}' needs a code 0-99 and a name.", nameof(reasons));
            }

            if (!map.TryAdd(code, reason))
            {
                throw new ArgumentException($"Not-ready reason code {code} is defined twice.", nameof(reasons));
            }
        }

        return map;
    }

    private static void CheckQueue(QueueDefinition queue)
    {
        string? problem = null;
        if (queue.RingTimeout <= TimeSpan.Zero)
        {
            problem = $"ring timeout {queue.RingTimeout}; it must be positive";
        }
        else if (!Enum.IsDefined(queue.Strategy))
        {
            problem = $"unknown strategy {queue.Strategy}";
        }
        else if (queue.WrapUp < TimeSpan.Zero)
        {
            problem = $"wrap-up {queue.WrapUp}; it must not be negative";
        }
        else if (queue.RequiredLevel is < 1 or > 10)
        {
            problem = $"required level {queue.RequiredLevel}; levels are 1-10";
        }
        else if (queue.WidenLevelEvery is { } every && every <= TimeSpan.Zero)
        {
            problem = $"level widening every {every}; it must be positive";
        }
        else if ((queue.OverflowAfter is not null || queue.OverflowWhenWaiting is not null) && queue.OverflowTo is null)
        {
            problem = "an overflow rule but no overflow target";
        }
        else if (queue.OverflowAfter is { } after && after <= TimeSpan.Zero)
        {
            problem = $"overflow after {after}; it must be positive";
        }
        else if (queue.OverflowWhenWaiting is < 0)
        {
            problem = $"overflow at {queue.OverflowWhenWaiting} waiting calls; it must not be negative";
        }
        else if (queue.MaxWait is { } max && max <= TimeSpan.Zero)
        {
            problem = $"maximum wait {max}; it must be positive";
        }
        else if (queue.ServiceLevelTarget <= TimeSpan.Zero || queue.ServiceLevelGoal is <= 0 or >= 1)
        {
            problem = "a service level target that is not positive or a goal outside (0, 1)";
        }

        if (problem is not null)
        {
            throw new ArgumentException($"Queue '{queue.Name}' has {problem}.", nameof(queue));
        }
    }

    private static void CheckExit(QueueDefinition queue, QueueExit? exit, Dictionary<string, QueueDefinition> map)
    {
        if (exit is null)
        {
            return;
        }

        var needsTarget = exit.Kind is QueueExitKind.Queue or QueueExitKind.External or QueueExitKind.Voicemail;
        if (needsTarget && string.IsNullOrEmpty(exit.Target))
        {
            throw new ArgumentException($"Queue '{queue.Name}' sends calls to {exit.Kind} without a target.", nameof(exit));
        }

        if (exit.Kind == QueueExitKind.Queue
            && (!map.ContainsKey(exit.Target!) || string.Equals(exit.Target, queue.Name, StringComparison.Ordinal)))
        {
            throw new ArgumentException(
                $"Queue '{queue.Name}' sends calls to queue '{exit.Target}', which is itself or not configured.",
                nameof(exit));
        }
    }
}
