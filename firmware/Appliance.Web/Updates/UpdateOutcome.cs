namespace Appliance.Web.Updates;

/// <summary>What came of installing an update bundle.</summary>
/// <param name="Installed">True when the bundle was checked and written into the other slot.</param>
/// <param name="Version">The bundle's version when it could be read.</param>
/// <param name="Slot">The slot it was written to, when installed.</param>
/// <param name="Problem">Why it was refused, in the updater's words, when not installed.</param>
public sealed record UpdateOutcome(bool Installed, string? Version, string? Slot, string? Problem);
