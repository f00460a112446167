using Appliance.CallCenter.Figures;
using Appliance.CallCenter.Queues;

namespace Appliance.CallCenter.Forecasting;

/// <summary>
/// Forecasts offered calls per 15-minute interval from stored interval figures, and the agents
/// each interval needs. Calls: the mean of the same interval of the week in the history (the
/// same time of day on any day when that weekday has no history). Handle time and patience are
/// measured over the whole history; patience is the exponential estimate, total waiting time of
/// all calls over the number of abandons.
/// </summary>
public static class StaffingForecast
{
    private static readonly TimeSpan s_defaultHandleTime = TimeSpan.FromSeconds(180);

    /// <param name="history">Closed intervals of <paramref name="queue"/>.</param>
    /// <param name="queue">The queue, for its service-level target and goal.</param>
    /// <param name="fromUtc">First interval to forecast (rounded down to an interval).</param>
    /// <param name="days">How many days to forecast.</param>
    /// <param name="abandonGoal">Largest share of callers allowed to hang up, for Erlang A.</param>
    public static IReadOnlyList<IntervalForecast> Forecast(
        IEnumerable<QueueInterval> history,
        QueueDefinition queue,
        DateTimeOffset fromUtc,
        int days,
        double abandonGoal = 0.05)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days);
        return Forecast(history, queue, fromUtc, fromUtc + TimeSpan.FromDays(days), abandonGoal);
    }

    /// <summary>
    /// The intervals from <paramref name="fromUtc"/> up to <paramref name="toUtc"/>, both rounded
    /// down to an interval: a local day is 92 or 100 intervals long when the clocks change.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="toUtc"/> is not after
    /// <paramref name="fromUtc"/>.</exception>
    public static IReadOnlyList<IntervalForecast> Forecast(
        IEnumerable<QueueInterval> history,
        QueueDefinition queue,
        DateTimeOffset fromUtc,
        DateTimeOffset toUtc,
        double abandonGoal = 0.05)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(toUtc, fromUtc);

        var intervals = history.Where(i => i.Queue == queue.Name).ToList();
        var completed = intervals.Sum(i => i.Completed);
        var handleTime = completed > 0
            ? TimeSpan.FromTicks(intervals.Sum(i => i.TotalTalk.Ticks) / completed)
            : s_defaultHandleTime;
        var abandons = intervals.Sum(i => i.Abandoned);
        TimeSpan? patience = abandons > 0
            ? TimeSpan.FromTicks(intervals.Sum(i => i.TotalAnswerWait.Ticks + i.TotalAbandonWait.Ticks) / abandons)
            : null;
        var byWeek = intervals.GroupBy(i => (i.StartUtc.DayOfWeek, i.StartUtc.TimeOfDay))
            .ToDictionary(g => g.Key, g => g.Average(i => i.Offered));
        var byDay = intervals.GroupBy(i => i.StartUtc.TimeOfDay).ToDictionary(g => g.Key, g => g.Average(i => i.Offered));

        var result = new List<IntervalForecast>();
        var start = CallCenterFigures.IntervalOf(fromUtc);
        var count = (int)((CallCenterFigures.IntervalOf(toUtc) - start) / CallCenterFigures.IntervalLength);
        for (var n = 0; n < count; n++)
        {
            var at = start + n * CallCenterFigures.IntervalLength;
            var offered = byWeek.TryGetValue((at.DayOfWeek, at.TimeOfDay), out var weekly)
                ? weekly
                : byDay.GetValueOrDefault(at.TimeOfDay);
            var load = offered * handleTime.TotalSeconds / CallCenterFigures.IntervalLength.TotalSeconds;
            var erlangC = load > 0
                ? ErlangC.AgentsNeeded(load, handleTime, queue.ServiceLevelTarget, queue.ServiceLevelGoal)
                : 0;
            var erlangA = load > 0 && patience is { } p ? AgentsForAbandonGoal(load, handleTime, p, abandonGoal) : erlangC;
            double? serviceLevel = load > 0
                ? ErlangC.ServiceLevel(erlangC, load, handleTime, queue.ServiceLevelTarget)
                : null;
            result.Add(new IntervalForecast(at, offered, handleTime, patience, erlangC, erlangA, serviceLevel));
        }

        return result;
    }

    private static int AgentsForAbandonGoal(double load, TimeSpan handleTime, TimeSpan patience, double goal)
    {
        var agents = 1;
        while (ErlangA.Solve(agents, load, handleTime, patience).ProbabilityOfAbandon > goal)
        {
            agents++;
        }

        return agents;
    }
}
