namespace Appliance.Web.Api;

/// <summary>An agent's ready / not ready, with the reason for not ready.</summary>
public sealed record ReadyRequest(bool Ready, string? Reason);
