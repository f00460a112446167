namespace Appliance.Web.Updates;

/// <summary>One root slot of an A/B box as the admin sees it.</summary>
/// <param name="Name">The slot's boot name, <c>A</c> or <c>B</c>.</param>
/// <param name="Version">The firmware version the slot holds, or null when it holds none that
/// can be read (an empty slot on a newly flashed box).</param>
/// <param name="Health"><c>good</c>, <c>bad</c> or <c>unknown</c>: whether the boot loader
/// will start it, as RAUC reports it.</param>
/// <param name="Booted">True for the slot the box is running from.</param>
public sealed record FirmwareSlot(string Name, string? Version, string Health, bool Booted);
