using Appliance.CallCenter.Agents;
using Appliance.CallCenter.Queues;

namespace Appliance.CallCenter.Routing;

/// <summary>
/// The decisions of the distributor: which waiting call rings which idle agent. A decision looks
/// at the queues concerned (the call's queue, or the queues of the agent that became free) and
/// their members only, never at the whole centre.
/// </summary>
public sealed partial class AutomaticCallDistributor
{
    // Scratch lists reused by every decision, so routing allocates nothing but the offer.
    private readonly List<AcdQueue> _dispatchQueues = [];
    private readonly List<AcdMembership> _idle = [];
    private readonly List<AcdMembership> _picked = [];
    private readonly List<AcdMembership> _chosen = [];

    private void DispatchLocked(AcdQueue queue)
    {
        _dispatchQueues.Clear();
        _dispatchQueues.Add(queue);
        DispatchQueuesLocked();
    }

    private void DispatchForAgentLocked(AcdAgent agent)
    {
        if (agent.State != AgentState.Idle)
        {
            return;
        }

        _dispatchQueues.Clear();
        foreach (var member in agent.Memberships.Values)
        {
            if (member.LoggedIn && member.Queue.Waiting.Count > 0)
            {
                _dispatchQueues.Add(member.Queue);
            }
        }

        DispatchQueuesLocked();
    }

    // Rings until no waiting call of these queues has an agent that may take it. Each round
    // finds, per queue, the first call in service order that some idle member may take, and
    // rings the best of those, so an agent in several queues gets the first call of them all.
    private void DispatchQueuesLocked()
    {
        var now = _time.GetUtcNow();
        foreach (var queue in _dispatchQueues)
        {
            CallBackIfDueLocked(queue);
        }

        while (true)
        {
            AcdCall? best = null;
            foreach (var queue in _dispatchQueues)
            {
                if (queue.Waiting.Count == 0 || !CollectIdleLocked(queue))
                {
                    continue;
                }

                foreach (var call in queue.Waiting)
                {
                    if (best is not null && AcdCall.ServiceOrder.Compare(call, best) >= 0)
                    {
                        break;
                    }

                    // A callback keeps its place, but only a caller on the line can be offered.
                    if (call.Rings.Count > 0 || call.CallbackNumber is not null)
                    {
                        continue;
                    }

                    AgentSelection.Pick(call, _idle, now, _random, _log, _picked);
                    if (_picked.Count > 0)
                    {
                        best = call;
                        _chosen.Clear();
                        _chosen.AddRange(_picked);
                        break;
                    }
                }
            }

            if (best is null)
            {
                return;
            }

            foreach (var member in _chosen)
            {
                RingLocked(best, member);
            }
        }
    }

    private bool CollectIdleLocked(AcdQueue queue)
    {
        _idle.Clear();
        foreach (var member in queue.Members)
        {
            if (member.LoggedIn && member.Agent.State == AgentState.Idle)
            {
                _idle.Add(member);
            }
        }

        return _idle.Count > 0;
    }

    private void RingLocked(AcdCall call, AcdMembership member)
    {
        var agent = member.Agent;
        var queue = call.Queue;
        var ring = new AcdRing(call, agent);
        call.Rings.Add(ring);
        call.Tried.Add(agent);
        agent.Ring = ring;
        agent.Call = call;
        if (queue.Definition.Strategy == QueueStrategy.RoundRobin)
        {
            queue.RoundRobinNext = (member.Index + 1) % queue.Members.Count;
        }

        SetStateLocked(agent, AgentState.Ringing, call);
        var ringTimeout = queue.Definition.RingTimeout;
        ring.Timer = _time.CreateTimer(_ => OnRingTimeout(ring), null, ringTimeout, Timeout.InfiniteTimeSpan);

        _log.Information("Offering call {CallId} from {Queue} to agent {Agent} for {RingTimeout}",
            call.CallId, queue.Name, agent.AgentId, ringTimeout);
        _outbox.AddLocked(new AcdEvent(AcdEventKind.Offer, call.CallId, queue.Name, ring.ToOffer(null)));
    }

    // The agent settles where its choices put it (idle, unless it went not ready or logged out);
    // a missed offer also sends it to the back of the idle line.
    private void WithdrawLocked(AcdRing ring, WithdrawReason reason, bool markIdle)
    {
        ring.Timer?.Dispose();
        ring.Call.Rings.Remove(ring);
        ring.Agent.Ring = null;
        ring.Agent.Call = null;

        _log.Information("Offer of call {CallId} from {Queue} to agent {Agent} withdrawn: {Reason}",
            ring.Call.CallId, ring.Queue.Name, ring.Agent.AgentId, reason);
        _outbox.AddLocked(new AcdEvent(
            AcdEventKind.Withdrawn, ring.Call.CallId, ring.Queue.Name, ring.ToOffer(reason)));
        SettleLocked(ring.Agent, markIdle);
    }

    private void WithdrawAllLocked(AcdCall call, WithdrawReason reason)
    {
        if (call.Rings.Count == 0)
        {
            return;
        }

        var rings = call.Rings.ToArray();
        foreach (var ring in rings)
        {
            WithdrawLocked(ring, reason, markIdle: false);
        }

        foreach (var ring in rings)
        {
            DispatchForAgentLocked(ring.Agent);
        }
    }
}
