namespace Appliance.CallCenter.Routing;

/// <summary>
/// A consistent picture of one queue taken under the ACD lock. Calls that ring an agent still
/// count as waiting; an agent in several queues is counted in each of them.
/// </summary>
/// <param name="Queue">The queue name.</param>
/// <param name="WaitingCalls">Calls not yet answered, ringing ones included.</param>
/// <param name="LongestWait">How long the longest-waiting call has waited; zero when none waits.</param>
/// <param name="IdleAgents">Members free to take a call.</param>
/// <param name="RingingAgents">Members whose phone rings with an offer.</param>
/// <param name="BusyAgents">Members on a call.</param>
public sealed record QueueSnapshot(
    string Queue,
    int WaitingCalls,
    TimeSpan LongestWait,
    int IdleAgents,
    int RingingAgents,
    int BusyAgents)
{
    /// <summary>Members in after-call work.</summary>
    public int WrapUpAgents { get; init; }

    /// <summary>Members logged in but not ready.</summary>
    public int NotReadyAgents { get; init; }
}
