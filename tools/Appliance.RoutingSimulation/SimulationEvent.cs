namespace Appliance.RoutingSimulation;

/// <summary>One future event of the simulation, ordered by <see cref="At"/>.</summary>
internal readonly record struct SimulationEvent(
    DateTimeOffset At,
    SimulationEventKind Kind,
    string Queue,
    string? CallId,
    string? Agent);
