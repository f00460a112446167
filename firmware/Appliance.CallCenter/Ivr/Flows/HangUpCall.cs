namespace Appliance.CallCenter.Ivr.Flows;

/// <summary>Hang up on the caller; the flow is over.</summary>
public sealed record HangUpCall : IvrAction
{
    public static HangUpCall Instance { get; } = new();
}
