namespace Appliance.Web.Api;

/// <summary>
/// The agent form: an agent (its extension), the queues it serves, comma-separated, in order, and
/// its skills as <c>skill:level</c>, comma-separated (see <see cref="SkillListField"/>); skills left
/// out of the request (null) stay as stored.
/// </summary>
internal sealed record AgentQueuesRequest(string? AgentId, string? Queues, string? Skills = null);
