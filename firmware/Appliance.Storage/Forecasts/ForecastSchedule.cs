using Serilog;

namespace Appliance.Storage.Forecasts;

/// <summary>
/// Makes every queue's forecast for the coming <see cref="ForecastStore.HorizonDays"/> days at
/// <see cref="Start"/> and again a minute after each midnight of the box's time zone, so the
/// stored forecast always reaches two weeks ahead and takes in yesterday's figures. Runs are
/// serialised; a run that fails is logged and the next midnight tries again.
/// </summary>
public sealed class ForecastSchedule : IDisposable
{
    // A minute past midnight: the interval figures of the last quarter hour of the day are
    // written by their own minute timer first.
    private static readonly TimeSpan s_afterMidnight = TimeSpan.FromMinutes(1);

    private readonly ForecastStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly Lock _runLock = new();
    private ITimer? _timer;

    public ForecastSchedule(ApplianceDatabase database, TimeProvider time, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(log);

        _store = new ForecastStore(database);
        _time = time;
        _log = log.ForContext<ForecastSchedule>();
    }

    /// <summary>Runs once now on the timer's thread (a long history must not hold up the service's
    /// start), then after each midnight until disposed.</summary>
    /// <exception cref="InvalidOperationException">It was already started.</exception>
    public void Start()
    {
        if (_timer is not null)
        {
            throw new InvalidOperationException("The forecast schedule is already running.");
        }

        _timer = _time.CreateTimer(
            static state => ((ForecastSchedule)state!).RunOnTimer(),
            this,
            Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan);

        // Armed only once the field is set, so the first run can plan the next one.
        _timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Forecasts every queue now; returns the queues that got a forecast.</summary>
    /// <exception cref="SQLite.SQLiteException">The database refused.</exception>
    public int RunOnce()
    {
        lock (_runLock)
        {
            var made = 0;
            foreach (var queue in _store.Queues())
            {
                var forecast = _store.MakeAhead(queue, _time);
                if (forecast.Count == 0)
                {
                    _log.Information("Queue {Queue} has no interval figures yet; no forecast made", queue.Name);
                    continue;
                }

                made++;
                _log.Information(
                    "Forecast for queue {Queue} made for the intervals {FirstIntervalUtc:u} to "
                    + "{LastIntervalUtc:u}: {Calls:0} calls, at most {Agents} agents",
                    queue.Name,
                    forecast[0].StartUtc,
                    forecast[^1].StartUtc,
                    forecast.Sum(f => f.OfferedCalls),
                    forecast.Max(f => f.AgentsErlangC));
            }

            return made;
        }
    }

    public void Dispose() => _timer?.Dispose();

    private void RunOnTimer()
    {
        try
        {
            RunOnce();
        }
        catch (Exception ex)
            when (ex is SQLite.SQLiteException or InvalidDataException or ObjectDisposedException)
        {
            _log.Error(ex, "The daily forecast could not be made");
        }

        // The next midnight is worked out each time: the time zone setting may have changed and
        // a day is not always 24 hours long.
        var now = _time.GetUtcNow();
        var zone = _store.Zone(_time);
        var (_, nextMidnight) = ForecastStore.DayRange(ForecastStore.DayOf(now, zone), zone);
        _timer?.Change(nextMidnight + s_afterMidnight - now, Timeout.InfiniteTimeSpan);
    }
}
