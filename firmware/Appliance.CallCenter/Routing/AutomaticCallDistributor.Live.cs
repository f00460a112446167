using Appliance.CallCenter.Agents;
using Appliance.CallCenter.Queues;

namespace Appliance.CallCenter.Routing;

/// <summary>
/// Reconfiguration while calls are in progress: an administrator's change of queues, members or
/// not-ready reasons takes effect for the next decision, and no call in progress is dropped.
/// </summary>
public sealed partial class AutomaticCallDistributor
{
    /// <summary>
    /// Sets the queues, agents and not-ready reasons like <see cref="Configure(IEnumerable{QueueDefinition},
    /// IEnumerable{AgentDefinition}, IEnumerable{NotReadyReason})"/>, but also while calls are in
    /// progress. A queue that stays keeps its waiting calls in their order, and they follow its new
    /// settings from the next decision on (a ring already running keeps the timeout it started
    /// with); agents that stay keep their state and counters. Waiting calls are then offered to
    /// any member the change made eligible.
    /// </summary>
    /// <exception cref="ArgumentException">As for Configure.</exception>
    /// <exception cref="InvalidOperationException">The change removes a queue that holds a call,
    /// or an agent whose phone rings or who is on a call; nothing is changed.</exception>
    public void Reconfigure(
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
        var agentIds = agentList.Select(a => a.AgentId).ToHashSet(StringComparer.Ordinal);

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            CheckCallsSurviveLocked(queueMap, agentIds);

            _reasons = reasonMap;
            var kept = new Dictionary<string, AcdQueue>(_queues, StringComparer.Ordinal);
            _queues.Clear();
            foreach (var definition in queueMap.Values)
            {
                var queue = kept.TryGetValue(definition.Name, out var existing) ? existing : new AcdQueue(definition);
                queue.Definition = definition;
                queue.Members.Clear();
                _queues.Add(definition.Name, queue);
            }

            RebuildAgentsLocked(agentList);
            _log.Information(
                "ACD reconfigured live with {QueueCount} queues and {AgentCount} agents, {CallCount} calls in progress",
                _queues.Count,
                _agents.Count,
                _calls.Count);

            _dispatchQueues.Clear();
            _dispatchQueues.AddRange(_queues.Values.Where(q => q.Waiting.Count > 0));
            DispatchQueuesLocked();
        }

        Publish();
    }

    private void CheckCallsSurviveLocked(Dictionary<string, QueueDefinition> queues, HashSet<string> agentIds)
    {
        foreach (var call in _calls.Values)
        {
            if (!queues.ContainsKey(call.Queue.Name))
            {
                throw new InvalidOperationException(
                    $"Queue '{call.Queue.Name}' cannot be removed while call '{call.CallId}' is in it.");
            }

            foreach (var agent in call.Rings.Select(r => r.Agent).Append(call.AnsweredBy))
            {
                if (agent is not null && !agentIds.Contains(agent.AgentId))
                {
                    throw new InvalidOperationException(
                        $"Agent '{agent.AgentId}' cannot be removed while on call '{call.CallId}'.");
                }
            }
        }
    }

    // Agents that stay keep their object (state, idle order, wrap-up timer); each membership that
    // stays keeps whether the agent is logged in there and its counters.
    private void RebuildAgentsLocked(List<AgentDefinition> definitions)
    {
        var previous = new Dictionary<string, AcdAgent>(_agents, StringComparer.Ordinal);
        _agents.Clear();
        foreach (var definition in definitions)
        {
            var agent = previous.TryGetValue(definition.AgentId, out var kept) ? kept : new AcdAgent(definition);
            agent.Definition = definition;
            var old = new Dictionary<string, AcdMembership>(agent.Memberships, StringComparer.Ordinal);
            agent.Memberships.Clear();
            foreach (var name in definition.Queues)
            {
                var queue = _queues[name];
                var member = new AcdMembership(agent, queue, queue.Members.Count);
                if (old.TryGetValue(name, out var was))
                {
                    member.LoggedIn = was.LoggedIn;
                    member.CallsAnswered = was.CallsAnswered;
                    member.TalkTime = was.TalkTime;
                }

                queue.Members.Add(member);
                agent.Memberships.TryAdd(name, member);
            }

            _agents.Add(definition.AgentId, agent);
        }

        foreach (var gone in previous.Values.Where(a => !_agents.ContainsKey(a.AgentId)))
        {
            gone.WrapUpTimer?.Dispose();
        }
    }
}
