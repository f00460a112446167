namespace Appliance.Web.Api;

/// <summary>The extension form of the admin pages.</summary>
internal sealed record ExtensionRequest(string? Number, string? Password, string? DisplayName);
