namespace Appliance.Web.Api;

/// <summary>The SIP trunk form: a carrier's name and the address its calls come from.</summary>
internal sealed record TrunkRequest(string? Name, string? AllowedAddress, string? RequireAuth);
