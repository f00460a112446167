namespace Appliance.CallCenter.Routing;

/// <summary>
/// A consistent picture of one queue taken under the ACD lock. Calls that ring an agent still
/// count as waiting; an agent in several queues is counted in each of them.
/// </summary>
/// <param name="Queue">The queue name.</param>
/// <param name="WaitingCalls">Calls not yet answered, ringing ones included.</param>
/// <param name="LongestWait">How long the oldest waiting call has waited; zero when none waits.</param>
/// <param name="IdleAgents">Logged-in members free to take a call.</param>
/// <param name="RingingAgents">Members whose phone rings with an offer.</param>
/// <param name="BusyAgents">Members on a call.</param>
public sealed record QueueSnapshot(
    string Queue,
    int WaitingCalls,
    TimeSpan LongestWait,
    int IdleAgents,
    int RingingAgents,
    int BusyAgents);
