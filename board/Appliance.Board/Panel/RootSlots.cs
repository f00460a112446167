namespace Appliance.Board.Panel;

/// <summary>The two root slots of an A/B box as the Version screen shows them.</summary>
/// <param name="Booted">The running slot's name, <c>A</c> or <c>B</c>.</param>
/// <param name="Other">The other slot's name.</param>
/// <param name="OtherVersion">What the other slot holds, or null when nothing readable.</param>
/// <param name="OtherHealth"><c>good</c>, <c>bad</c> or <c>unknown</c>.</param>
public sealed record RootSlots(string Booted, string Other, string? OtherVersion, string OtherHealth);
