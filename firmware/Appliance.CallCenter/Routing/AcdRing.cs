namespace Appliance.CallCenter.Routing;

/// <summary>
/// One offer of a call to an agent and its ring timer. The timer callback checks that this
/// object is still among the call's rings, so a timer that fires after an answer or a
/// withdrawal does nothing.
/// </summary>
internal sealed class AcdRing
{
    public AcdRing(AcdCall call, AcdAgent agent)
    {
        Call = call;
        Agent = agent;
        Queue = call.Queue;
    }

    public AcdCall Call { get; }

    public AcdAgent Agent { get; }

    /// <summary>The queue the call rang from; a call that overflows keeps its old rings' queue.</summary>
    public AcdQueue Queue { get; }

    public ITimer? Timer { get; set; }

    public AcdOffer ToOffer(WithdrawReason? reason)
        => new(Call.CallId, Agent.AgentId, Queue.Name, Queue.Definition.RingTimeout, reason);
}
