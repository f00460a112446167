namespace Appliance.CallCenter.Agents;

/// <summary>
/// One change of an agent's state, raised by the distributor as it happens, for reports and
/// for storing the agent's state across a restart.
/// </summary>
/// <param name="AgentId">The agent.</param>
/// <param name="Previous">The state it left.</param>
/// <param name="Current">The state it entered.</param>
/// <param name="AtUtc">When, from the distributor's <see cref="TimeProvider"/>.</param>
/// <param name="Reason">The not-ready reason when <paramref name="Current"/> is NotReady.</param>
/// <param name="CallId">The call that caused the change (ringing, busy, wrap-up), if any.</param>
/// <param name="Queue">The queue of that call, if any.</param>
public sealed record AgentStateChange(
    string AgentId,
    AgentState Previous,
    AgentState Current,
    DateTimeOffset AtUtc,
    NotReadyReason? Reason,
    string? CallId,
    string? Queue);
