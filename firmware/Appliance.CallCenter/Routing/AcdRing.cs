namespace Appliance.CallCenter.Routing;

/// <summary>
/// One offer of a call to an agent and its ring timer. The timer callback compares this
/// object with the call's current <see cref="AcdCall.Ring"/>, so a timer that fires after an
/// answer or a withdrawal does nothing.
/// </summary>
internal sealed class AcdRing
{
    public AcdRing(AcdCall call, AcdAgent agent)
    {
        Call = call;
        Agent = agent;
    }

    public AcdCall Call { get; }

    public AcdAgent Agent { get; }

    public ITimer? Timer { get; set; }

    public AcdOffer ToOffer(WithdrawReason? reason)
        => new(Call.CallId, Agent.AgentId, Call.Queue.Name, Call.Queue.RingTimeout, reason);
}
