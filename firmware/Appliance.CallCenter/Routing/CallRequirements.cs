namespace Appliance.CallCenter.Routing;

/// <summary>
/// What a call asks of the queue it joins, usually set by the IVR flow or the customer table.
/// </summary>
/// <param name="Priority">Higher is served first; equal priorities in arrival order. 0 is normal.</param>
/// <param name="Skill">A required skill that replaces the queue's, or null for the queue's own.</param>
/// <param name="Level">The level (1-10) of <paramref name="Skill"/> required when the call joins.</param>
public sealed record CallRequirements(int Priority = 0, string? Skill = null, int Level = 1)
{
    public static CallRequirements Normal { get; } = new();
}
