namespace Appliance.DialerSimulation;

/// <summary>The simulation's fake time: it moves only when the event loop sets it.</summary>
internal sealed class SimulationClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Start { get; } = start;

    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
