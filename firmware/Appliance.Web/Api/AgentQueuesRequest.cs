namespace Appliance.Web.Api;

/// <summary>The agent form: an agent (its extension) and the queues it serves, comma-separated, in order.</summary>
internal sealed record AgentQueuesRequest(string? AgentId, string? Queues);
