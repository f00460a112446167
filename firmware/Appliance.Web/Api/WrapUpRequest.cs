namespace Appliance.Web.Api;

/// <summary>An agent closing the wrap-up of an inbound call, with one of the admin's codes.</summary>
/// <param name="Code">The disposition code; may be left out while no codes are defined.</param>
public sealed record WrapUpRequest(string? Code);
