namespace Appliance.Web.Api;

/// <summary>The user form of the admin pages; <see cref="AgentId"/> for agents only.</summary>
internal sealed record UserRequest(string? Name, string? Password, string? Role, string? AgentId);
