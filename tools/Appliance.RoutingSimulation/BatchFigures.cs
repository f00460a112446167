namespace Appliance.RoutingSimulation;

/// <summary>Counts of one queue over one batch of the measured time, by arrival time.</summary>
public sealed class BatchFigures
{
    public int Offered { get; set; }

    /// <summary>Calls that found no agent free: answered after a wait, or abandoned.</summary>
    public int Waited { get; set; }

    public int Answered { get; set; }

    public int Abandoned { get; set; }

    /// <summary>Answered within the queue's service-level target (a zero wait included).</summary>
    public int WithinTarget { get; set; }

    /// <summary>Sum of the waits of answered calls, in seconds.</summary>
    public double AnsweredWaitSeconds { get; set; }
}
