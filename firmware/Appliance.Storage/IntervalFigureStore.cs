using Appliance.CallCenter.Figures;
using Appliance.CallCenter.Queues;
using Appliance.CallCenter.Routing;
using Appliance.Storage.Rows;
using Serilog;

namespace Appliance.Storage;

/// <summary>
/// Counts the ACD's figures by 15-minute interval and keeps them in tables <c>QueueInterval</c>
/// and <c>AgentInterval</c>, once a minute and at a clean stop: closed intervals for good, the
/// open ones as they stand, so a restart or a power cut loses at most the last minute. At start
/// the open intervals stored by the previous run are counted on from their figures.
/// </summary>
public sealed class IntervalFigureStore : IDisposable
{
    private readonly ApplianceDatabase _database;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly ITimer _timer;

    private IntervalFigureStore(
        ApplianceDatabase database,
        CallCenterFigures figures,
        TimeProvider time,
        ILogger log)
    {
        _database = database;
        Figures = figures;
        _time = time;
        _log = log.ForContext<IntervalFigureStore>();
        _timer = time.CreateTimer(_ => Flush(), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    public CallCenterFigures Figures { get; }

    public static IntervalFigureStore Attach(
        ApplianceDatabase database,
        AutomaticCallDistributor acd,
        IEnumerable<QueueDefinition> queues,
        TimeProvider time,
        ILogger log)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(acd);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(log);

        var figures = new CallCenterFigures(queues);
        RestoreOpen(database, figures, time.GetUtcNow());
        figures.Attach(acd);
        return new IntervalFigureStore(database, figures, time, log);
    }

    /// <summary>
    /// Writes every interval that has closed and the open ones as they stand; run by the minute
    /// timer and at a clean stop.
    /// </summary>
    public void Flush()
    {
        var now = _time.GetUtcNow();
        var (queues, agents) = Figures.TakeClosed(now);
        var (openQueues, openAgents) = Figures.SnapshotOpen(now);
        try
        {
            _database.Run(db =>
            {
                db.RunInTransaction(() =>
                {
                    foreach (var q in queues.Concat(openQueues))
                    {
                        db.InsertOrReplace(IntervalRows.ToRow(q));
                    }

                    foreach (var a in agents.Concat(openAgents))
                    {
                        db.InsertOrReplace(IntervalRows.ToRow(a));
                    }
                });
                return 0;
            });
        }
        catch (Exception ex) when (ex is SQLite.SQLiteException or ObjectDisposedException)
        {
            _log.Error(ex, "{QueueIntervals} queue and {AgentIntervals} agent intervals could not be stored",
                queues.Count + openQueues.Count, agents.Count + openAgents.Count);
        }
    }

    public void Dispose() => _timer.Dispose();

    // The intervals the figures would still hold now: a queue's current and previous interval
    // (its calls get an interval's time to finish) and an agent's current one.
    private static void RestoreOpen(ApplianceDatabase database, CallCenterFigures figures, DateTimeOffset nowUtc)
    {
        var current = CallCenterFigures.IntervalOf(nowUtc);
        var queuesFrom = IntervalRows.Utc(current - CallCenterFigures.IntervalLength);
        var agentsFrom = IntervalRows.Utc(current);
        var (queues, agents) = database.Run(db => (
            db.Query<QueueIntervalRow>("SELECT * FROM QueueInterval WHERE StartUtc >= ?", queuesFrom),
            db.Query<AgentIntervalRow>("SELECT * FROM AgentInterval WHERE StartUtc >= ?", agentsFrom)));
        figures.Restore(queues.Select(IntervalRows.ToInterval), agents.Select(IntervalRows.ToInterval));
    }
}
