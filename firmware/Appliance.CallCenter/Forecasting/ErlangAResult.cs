namespace Appliance.CallCenter.Forecasting;

/// <summary>The steady state of a queue with impatient callers (Erlang A).</summary>
/// <param name="ProbabilityOfWaiting">Chance a call finds every agent busy.</param>
/// <param name="ProbabilityOfAbandon">Chance a call hangs up before an answer.</param>
/// <param name="AverageWait">Mean time in queue of all calls, answered or not.</param>
/// <param name="Occupancy">Share of agent time spent on calls.</param>
public sealed record ErlangAResult(
    double ProbabilityOfWaiting,
    double ProbabilityOfAbandon,
    TimeSpan AverageWait,
    double Occupancy);
