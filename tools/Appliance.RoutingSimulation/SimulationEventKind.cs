namespace Appliance.RoutingSimulation;

/// <summary>What happens at a simulation event.</summary>
internal enum SimulationEventKind
{
    Arrival,
    Patience,
    HangUp,
}
