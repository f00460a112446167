namespace Appliance.Web.Forecasting;

/// <summary>
/// One queue's forecast for one day of the box's time zone, as <c>GET /api/forecast</c> answers
/// it: every 15-minute interval, or none with <paramref name="Message"/> saying why.
/// </summary>
/// <param name="Queue">The queue forecast.</param>
/// <param name="Day">The day, yyyy-MM-dd.</param>
/// <param name="TimeZone">The zone the day and each interval's <c>Start</c> are in.</param>
/// <param name="ServiceLevelSeconds">The queue's service-level target the agents are sized for.</param>
/// <param name="ServiceLevelGoalPercent">Share of calls the queue aims to answer within it.</param>
/// <param name="HistoryIntervals">Closed intervals of the queue the forecast is drawn from.</param>
/// <param name="ComputedUtc">When the shown forecast was made; null without one.</param>
/// <param name="Message">Why there are no intervals, in a plain sentence; null when there are.</param>
/// <param name="Intervals">The day's intervals in order; empty with a message.</param>
public sealed record ForecastDay(
    string Queue,
    string Day,
    string TimeZone,
    int ServiceLevelSeconds,
    double ServiceLevelGoalPercent,
    int HistoryIntervals,
    DateTimeOffset? ComputedUtc,
    string? Message,
    IReadOnlyList<ForecastRow> Intervals);
