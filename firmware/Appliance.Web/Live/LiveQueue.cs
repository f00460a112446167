namespace Appliance.Web.Live;

/// <summary>A queue's figures right now.</summary>
/// <param name="Name">The queue.</param>
/// <param name="WaitingCalls">Calls not yet answered, ringing ones included.</param>
/// <param name="LongestWaitSeconds">How long the oldest waiting call has waited.</param>
/// <param name="IdleAgents">Members free for a call.</param>
/// <param name="RingingAgents">Members whose phone rings.</param>
/// <param name="BusyAgents">Members on a call.</param>
/// <param name="ServiceLevelPercent">Calls of the current 15-minute interval answered within
/// <paramref name="ServiceLevelSeconds"/>, in percent of those that did not hang up at once;
/// null while the interval has none.</param>
/// <param name="ServiceLevelSeconds">The queue's service-level threshold.</param>
public sealed record LiveQueue(
    string Name,
    int WaitingCalls,
    int LongestWaitSeconds,
    int IdleAgents,
    int RingingAgents,
    int BusyAgents,
    double? ServiceLevelPercent = null,
    int ServiceLevelSeconds = 20);
