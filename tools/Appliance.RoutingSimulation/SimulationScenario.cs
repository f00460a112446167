using Appliance.CallCenter.Agents;
using Appliance.CallCenter.Queues;

namespace Appliance.RoutingSimulation;

/// <summary>
/// A centre to simulate: its queues and agents, and the traffic offered to each queue (Poisson
/// arrivals, exponential handle times, exponential patience when callers are impatient).
/// </summary>
public sealed record SimulationScenario
{
    public required IReadOnlyList<QueueDefinition> Queues { get; init; }

    public required IReadOnlyList<AgentDefinition> Agents { get; init; }

    /// <summary>Mean arrivals per hour, by queue name.</summary>
    public required IReadOnlyDictionary<string, double> ArrivalsPerHour { get; init; }

    /// <summary>Mean talk time, exponential.</summary>
    public required TimeSpan HandleTime { get; init; }

    /// <summary>Mean patience, exponential; null for callers who wait as long as it takes.</summary>
    public TimeSpan? Patience { get; init; }

    /// <summary>Simulated time during which calls arrive and are measured, after the warm-up.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Simulated time first run to reach a steady state; its calls are not measured.</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Measured time is cut into this many batches to estimate the statistical error.</summary>
    public int Batches { get; init; } = 20;

    public int Seed { get; init; } = 1;

    /// <summary>Times each routing decision (Enqueue, CallEnded) with the wall clock.</summary>
    public bool MeasureLatency { get; init; }
}
