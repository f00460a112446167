namespace Appliance.Web.Api;

/// <summary>The DID form: a dialled number and the queue or IVR menu its calls go to.</summary>
internal sealed record DidRequest(string? Number, string? TargetKind, string? TargetName);
