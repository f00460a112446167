namespace Appliance.CallCenter.Ivr;

/// <summary>
/// Nothing to do: the input came in a state where it means nothing (a stale timer, a digit
/// after the call was routed).
/// </summary>
public sealed record NoAction : IvrAction
{
    /// <summary>The one instance; records compare by value, so any instance is equal to it.</summary>
    public static NoAction Instance { get; } = new();
}
