namespace Appliance.Web.Api;

/// <summary>The login form.</summary>
internal sealed record LoginRequest(string? Name, string? Password);
