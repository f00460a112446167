using Appliance.CallCenter.Agents;
using Appliance.CallCenter.Dialer.Blending;
using Appliance.CallCenter.Routing;

namespace Appliance.Telephony.Campaigns;

/// <summary>
/// The blending of one campaign's agents with the inbound queues they also serve: the inbound
/// load of <see cref="OutboundCampaign.BlendingQueues"/> read from the ACD, the pool of the
/// campaign's logged-in extensions that are ACD agents, and the <see cref="Blender"/>'s decision.
/// The campaign keeps the agents the decision sends to inbound out of its pool until it sends
/// them back. Called from the campaign's tick only, so not thread safe.
/// </summary>
internal sealed class CampaignBlending
{
    private readonly AutomaticCallDistributor _acd;
    private readonly IReadOnlyList<string> _queues;
    private readonly Blender _blender;
    private readonly HashSet<string> _onInbound = new(StringComparer.Ordinal);

    public CampaignBlending(AutomaticCallDistributor acd, IReadOnlyList<string> queues, BlendingOptions options)
    {
        _acd = acd;
        _queues = queues;
        _blender = new Blender(options);
    }

    /// <summary>Whether the last decision lets the campaign pace (true before any).</summary>
    public bool PacingAllowed { get; private set; } = true;

    /// <summary>Whether <paramref name="agentId"/> is assigned to inbound now.</summary>
    public bool IsOnInbound(string agentId) => _onInbound.Contains(agentId);

    /// <summary>
    /// Reads the inbound load and the pool, and applies the blender's decision to the
    /// assignments. <paramref name="onCampaignCall"/> says whether an agent is on a campaign
    /// call (or its wrap-up); such an agent is not idle.
    /// </summary>
    /// <returns>The decision, for the campaign to log and to hold or release its pacing.</returns>
    public BlendingDecision Evaluate(
        IEnumerable<string> agents,
        Func<string, bool> onCampaignCall,
        DateTimeOffset now)
    {
        int waiting = 0, idleInbound = 0;
        foreach (var queue in _queues)
        {
            try
            {
                var snapshot = _acd.Snapshot(queue);
                waiting += snapshot.WaitingCalls;
                idleInbound += snapshot.IdleAgents;
            }
            catch (ArgumentException)
            {
                // A queue named in the campaign but not configured (any more): no load from it.
            }
        }

        var pool = new List<BlendedAgent>();
        foreach (var agent in agents)
        {
            if (!TryState(agent, out var state))
            {
                continue;
            }

            var assignment = _onInbound.Contains(agent) ? AgentAssignment.Inbound : AgentAssignment.Outbound;
            pool.Add(new BlendedAgent(agent, assignment, state == AgentState.Idle && !onCampaignCall(agent)));
        }

        // The queue snapshot has no service level of its own: the waiting calls alone decide.
        var decision = _blender.Evaluate(new InboundLoad(waiting, 1.0, idleInbound), pool, now);
        foreach (var agent in decision.ToInbound)
        {
            _onInbound.Add(agent);
        }

        foreach (var agent in decision.ToOutbound)
        {
            _onInbound.Remove(agent);
        }

        PacingAllowed = decision.OutboundPacingAllowed;
        return decision;
    }

    /// <summary>The agent's ACD state; false for an extension that is no ACD agent.</summary>
    public bool TryState(string agentId, out AgentState state)
    {
        try
        {
            state = _acd.GetAgentState(agentId);
            return true;
        }
        catch (ArgumentException)
        {
            state = AgentState.LoggedOut;
            return false;
        }
    }
}
