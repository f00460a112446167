namespace Appliance.RoutingSimulation;

/// <summary>The figures of one simulation run.</summary>
/// <param name="Queues">Per-queue figures, in the order of the scenario's queues.</param>
/// <param name="DecisionTicks">Wall-clock duration of each routing decision in
/// <see cref="System.Diagnostics.Stopwatch"/> ticks; empty unless latency was measured.</param>
/// <param name="Wall">How long the run took on the wall clock.</param>
/// <param name="Simulated">How much simulated time it covered.</param>
public sealed record SimulationResult(
    IReadOnlyList<QueueFigures> Queues,
    IReadOnlyList<long> DecisionTicks,
    TimeSpan Wall,
    TimeSpan Simulated);
