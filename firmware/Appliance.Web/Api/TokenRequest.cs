namespace Appliance.Web.Api;

/// <summary>Asks for a new CTI API token for one integration.</summary>
internal sealed record TokenRequest(string? Name, string? Role);
