namespace Appliance.CallCenter.Agents;

/// <summary>
/// The configuration of one agent: its id (the extension number its phone registers as) and
/// the names of the queues it answers.
/// </summary>
public sealed record AgentDefinition(string AgentId, IReadOnlyList<string> Queues);
