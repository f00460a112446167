using System.Globalization;
using Appliance.CallCenter.Figures;
using Appliance.CallCenter.Forecasting;
using Appliance.CallCenter.Queues;
using Appliance.Storage.Rows;

namespace Appliance.Storage.Forecasts;

/// <summary>
/// Makes staffing forecasts from the stored interval figures (<see cref="StaffingForecast"/>) and
/// keeps them in table <c>ForecastInterval</c>. Days are the box's days: midnight to midnight in
/// the zone of setting <c>web.timeZone</c> (the setup wizard's), or the machine's when none is
/// set, as the reports use. Thread-safe (the database's one lock); a forecast is replaced in one transaction.
/// </summary>
public sealed class ForecastStore
{
    /// <summary>Days a forecast made ahead covers, today included.</summary>
    public const int HorizonDays = 14;

    private readonly ApplianceDatabase _database;

    public ForecastStore(ApplianceDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <summary>The box's time zone, as the reports read it: the stored one
    /// (<see cref="ApplianceDatabase.StoredTimeZone"/>), else <paramref name="time"/>'s local zone.</summary>
    public TimeZoneInfo Zone(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return _database.StoredTimeZone() ?? time.LocalTimeZone;
    }

    /// <summary>The day <paramref name="nowUtc"/> falls on in <paramref name="zone"/>.</summary>
    public static DateOnly DayOf(DateTimeOffset nowUtc, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(nowUtc, zone).DateTime);
    }

    /// <summary>Local midnight of <paramref name="day"/> to the next one, in UTC.</summary>
    public static (DateTimeOffset FromUtc, DateTimeOffset ToUtc) DayRange(DateOnly day, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return (Midnight(day, zone), Midnight(day.AddDays(1), zone));
    }

    /// <summary>The queues of table <c>Queue</c>, by name, with their service-level targets.</summary>
    /// <exception cref="InvalidDataException">A stored queue row does not read.</exception>
    public IReadOnlyList<QueueDefinition> Queues() =>
        [.. _database.Run(db => db.Table<QueueRow>().ToList())
            .OrderBy(q => q.Name, StringComparer.Ordinal)
            .Select(ConfigurationRows.ToQueue)];

    /// <summary>How many closed intervals of <paramref name="queue"/> are stored.</summary>
    public int HistoryIntervals(string queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        return _database.Run(db => db.Table<QueueIntervalRow>().Count(r => r.Queue == queue));
    }

    /// <summary>
    /// Forecasts <paramref name="queue"/> from today up to <see cref="HorizonDays"/> days ahead in
    /// the box's zone and stores it (see <see cref="Make"/>).
    /// </summary>
    public IReadOnlyList<IntervalForecast> MakeAhead(QueueDefinition queue, TimeProvider time)
    {
        var zone = Zone(time);
        var now = time.GetUtcNow();
        var today = DayOf(now, zone);
        return Make(queue, Midnight(today, zone), Midnight(today.AddDays(HorizonDays), zone), now);
    }

    /// <summary>
    /// Forecasts the intervals of <paramref name="queue"/> from <paramref name="fromUtc"/> up to
    /// <paramref name="toUtc"/> from its whole stored history, and replaces the stored forecast of
    /// those intervals. A queue without history gets no forecast: nothing is stored or replaced
    /// and the answer is empty.
    /// </summary>
    public IReadOnlyList<IntervalForecast> Make(
        QueueDefinition queue,
        DateTimeOffset fromUtc,
        DateTimeOffset toUtc,
        DateTimeOffset computedUtc)
    {
        ArgumentNullException.ThrowIfNull(queue);

        var history = _database.Run(db =>
            db.Table<QueueIntervalRow>().Where(r => r.Queue == queue.Name).ToList());

        // The open intervals are stored as they stand; only ended ones are history.
        var ended = history.Select(IntervalRows.ToInterval)
            .Where(i => i.StartUtc + CallCenterFigures.IntervalLength <= computedUtc).ToList();
        if (ended.Count == 0)
        {
            return [];
        }

        var forecast = StaffingForecast.Forecast(ended, queue, fromUtc, toUtc);
        var computed = Utc(computedUtc);
        var (from, to) = (Utc(fromUtc), Utc(toUtc));
        _database.Run(db =>
        {
            db.RunInTransaction(() =>
            {
                db.Execute(
                    "DELETE FROM ForecastInterval WHERE Queue = ? AND StartUtc >= ? AND StartUtc < ?",
                    queue.Name,
                    from,
                    to);
                db.InsertAll(forecast.Select(f => ToRow(queue.Name, f, computed)), runInTransaction: false);
            });
            return 0;
        });
        return forecast;
    }

    /// <summary>The stored forecast of <paramref name="queue"/> (every queue when null) for the
    /// intervals that start from <paramref name="fromUtc"/> up to <paramref name="toUtc"/>.</summary>
    public IReadOnlyList<StoredForecast> Read(string? queue, DateTimeOffset fromUtc, DateTimeOffset toUtc)
    {
        var (from, to) = (Utc(fromUtc), Utc(toUtc));
        var rows = _database.Run(db => queue is null
            ? db.Query<ForecastIntervalRow>(
                "SELECT * FROM ForecastInterval WHERE StartUtc >= ? AND StartUtc < ? ORDER BY StartUtc, Queue",
                from,
                to)
            : db.Query<ForecastIntervalRow>(
                "SELECT * FROM ForecastInterval WHERE Queue = ? AND StartUtc >= ? AND StartUtc < ? "
                + "ORDER BY StartUtc",
                queue,
                from,
                to));
        return rows.ConvertAll(FromRow);
    }

    private static DateTimeOffset Midnight(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static string Utc(DateTimeOffset at) => IntervalRows.Utc(at);

    private static DateTimeOffset ParseUtc(string text) => IntervalRows.ParseUtc(text);

    private static ForecastIntervalRow ToRow(string queue, IntervalForecast f, string computed) => new()
    {
        Id = queue + "@" + Utc(f.StartUtc),
        Queue = queue,
        StartUtc = Utc(f.StartUtc),
        Offered = f.OfferedCalls,
        HandleTimeMs = (long)f.HandleTime.TotalMilliseconds,
        PatienceMs = f.Patience is { } p ? (long)p.TotalMilliseconds : null,
        AgentsErlangC = f.AgentsErlangC,
        AgentsErlangA = f.AgentsErlangA,
        ExpectedServiceLevel = f.ExpectedServiceLevel,
        ComputedUtc = computed,
    };

    private static StoredForecast FromRow(ForecastIntervalRow row) => new(
        row.Queue,
        new IntervalForecast(
            ParseUtc(row.StartUtc),
            row.Offered,
            TimeSpan.FromMilliseconds(row.HandleTimeMs),
            row.PatienceMs is { } p ? TimeSpan.FromMilliseconds(p) : null,
            row.AgentsErlangC,
            row.AgentsErlangA,
            row.ExpectedServiceLevel),
        ParseUtc(row.ComputedUtc));
}
