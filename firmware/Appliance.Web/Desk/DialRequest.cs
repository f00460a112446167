namespace Appliance.Web.Desk;

/// <summary>A click-to-dial from the desktop.</summary>
/// <param name="Number">The extension to call.</param>
public sealed record DialRequest(string? Number);
