namespace Appliance.Web.Api;

/// <summary>The flow editor's form: the whole flow document as JSON text.</summary>
internal sealed record FlowRequest(string? Json);
