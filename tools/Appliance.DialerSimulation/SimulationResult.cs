using Appliance.CallCenter.Dialer;

namespace Appliance.DialerSimulation;

/// <summary>What one simulated shift measured; times are summed over all agents.</summary>
internal sealed record SimulationResult
{
    public required DialingMode Mode { get; init; }

    public required int Agents { get; init; }

    public required TimeSpan Shift { get; init; }

    public int Dials { get; init; }

    public int Connected { get; init; }

    public int Abandoned { get; init; }

    public int Machines { get; init; }

    public TimeSpan TalkTime { get; init; }

    public TimeSpan WrapUpTime { get; init; }

    /// <summary>The predictive threshold (target × feedback scale) at the end, or NaN.</summary>
    public double FinalThreshold { get; init; } = double.NaN;

    /// <summary>The abandons the predictive forecast expected of the calls it placed, or NaN.</summary>
    public double ForecastAbandons { get; init; } = double.NaN;

    public int LiveAnswers => Connected + Abandoned;

    public double AbandonRate => LiveAnswers == 0 ? 0 : (double)Abandoned / LiveAnswers;

    private double AgentSeconds => Agents * Shift.TotalSeconds;

    /// <summary>Talk plus wrap-up per logged-in agent time.</summary>
    public double Occupancy => (TalkTime + WrapUpTime).TotalSeconds / AgentSeconds;

    /// <summary>Talk minutes per agent hour.</summary>
    public double TalkMinutesPerAgentHour => TalkTime.TotalMinutes / (AgentSeconds / 3600);
}
