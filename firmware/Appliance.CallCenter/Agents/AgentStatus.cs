namespace Appliance.CallCenter.Agents;

/// <summary>
/// What an agent chose, as opposed to what its phone does: ready or not (and why), and the
/// queues it logged out of. Stored on every change and handed back after a restart, so an agent
/// on a break is still on a break when the box comes back.
/// </summary>
/// <param name="AgentId">The agent.</param>
/// <param name="Ready">False when the agent is not ready.</param>
/// <param name="Reason">Why not ready; null when ready.</param>
/// <param name="LoggedOutQueues">Queues of the agent's configuration it is logged out of.</param>
public sealed record AgentStatus(
    string AgentId,
    bool Ready,
    NotReadyReason? Reason,
    IReadOnlyList<string> LoggedOutQueues);
