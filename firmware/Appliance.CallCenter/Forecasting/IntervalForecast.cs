namespace Appliance.CallCenter.Forecasting;

/// <summary>The forecast of one queue for one 15-minute interval.</summary>
/// <param name="StartUtc">Start of the interval.</param>
/// <param name="OfferedCalls">Calls expected to arrive.</param>
/// <param name="HandleTime">Average handle time measured in the history.</param>
/// <param name="Patience">Average patience measured in the history; null when nobody abandoned.</param>
/// <param name="AgentsErlangC">Agents needed for the queue's service-level goal by Erlang C.</param>
/// <param name="AgentsErlangA">Agents needed so that no more than the abandon goal hang up, by
/// Erlang A with the measured patience; equal to <paramref name="AgentsErlangC"/> without one.</param>
/// <param name="ExpectedServiceLevel">Share of calls answered within the queue's target, 0-1, by
/// Erlang C with <paramref name="AgentsErlangC"/> agents; null when no call is expected.</param>
public sealed record IntervalForecast(
    DateTimeOffset StartUtc,
    double OfferedCalls,
    TimeSpan HandleTime,
    TimeSpan? Patience,
    int AgentsErlangC,
    int AgentsErlangA,
    double? ExpectedServiceLevel);
