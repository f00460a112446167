namespace Appliance.Web.Desk;

/// <summary>Where a transfer or a consultation goes.</summary>
/// <param name="Target">A queue name or an extension (blind transfer); an extension (consultation).</param>
public sealed record DeskTargetRequest(string? Target);
