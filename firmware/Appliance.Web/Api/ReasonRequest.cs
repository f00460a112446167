namespace Appliance.Web.Api;

/// <summary>The not-ready reason form: the code agents dial (0-99) and its name.</summary>
internal sealed record ReasonRequest(string? Code, string? Name);
