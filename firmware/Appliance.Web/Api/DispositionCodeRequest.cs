namespace Appliance.Web.Api;

/// <summary>An admin's disposition code: the code stored on the call record and its label.</summary>
public sealed record DispositionCodeRequest(string? Code, string? Name);
