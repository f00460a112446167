using Appliance.CallCenter.Dialer;

namespace Appliance.DialerSimulation;

/// <summary>One simulated shift: agents, length, seed, the people model and the pacing mode.</summary>
internal sealed record SimulationSettings
{
    public int Agents { get; init; } = 20;

    public TimeSpan Shift { get; init; } = TimeSpan.FromHours(8);

    public int Seed { get; init; } = 1;

    public ContactModel Model { get; init; } = new();

    public DialingMode Mode { get; init; } = DialingMode.Predictive;

    /// <summary>Predictive pacing settings, with the target abandon rate (3 %).</summary>
    public PredictivePacingOptions Predictive { get; init; } = new();

    /// <summary>How long a live answer waits for an agent before it is abandoned (0: at once).</summary>
    public TimeSpan AbandonHold { get; init; } = TimeSpan.Zero;

    /// <summary>Calls in progress per ready agent in power mode.</summary>
    public double PowerCallsPerAgent { get; init; } = 2.0;
}
