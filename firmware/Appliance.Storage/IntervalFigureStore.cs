using System.Globalization;
using Appliance.CallCenter.Agents;
using Appliance.CallCenter.Figures;
using Appliance.CallCenter.Queues;
using Appliance.CallCenter.Routing;
using Appliance.Storage.Rows;
using Serilog;

namespace Appliance.Storage;

/// <summary>
/// Counts the ACD's figures by 15-minute interval and writes each closed interval to tables
/// <c>QueueInterval</c> and <c>AgentInterval</c>, checking once a minute. The open interval is
/// the live figure (<see cref="Figures"/>).
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
        figures.Attach(acd);
        return new IntervalFigureStore(database, figures, time, log);
    }

    /// <summary>Writes every interval that has closed; also run by the minute timer.</summary>
    public void Flush()
    {
        var (queues, agents) = Figures.TakeClosed(_time.GetUtcNow());
        try
        {
            _database.Run(db =>
            {
                db.RunInTransaction(() =>
                {
                    foreach (var q in queues)
                    {
                        db.InsertOrReplace(ToRow(q));
                    }

                    foreach (var a in agents)
                    {
                        db.InsertOrReplace(ToRow(a));
                    }
                });
                return 0;
            });
        }
        catch (Exception ex) when (ex is SQLite.SQLiteException or ObjectDisposedException)
        {
            _log.Error(ex, "{QueueIntervals} queue and {AgentIntervals} agent intervals could not be stored",
                queues.Count, agents.Count);
        }
    }

    public void Dispose() => _timer.Dispose();

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static QueueIntervalRow ToRow(QueueInterval q) => new()
    {
        Id = q.Queue + "@" + Utc(q.StartUtc),
        Queue = q.Queue,
        StartUtc = Utc(q.StartUtc),
        Offered = q.Offered,
        Answered = q.Answered,
        Abandoned = q.Abandoned,
        ShortAbandoned = q.ShortAbandoned,
        Overflowed = q.Overflowed,
        AnsweredWithinTarget = q.AnsweredWithinTarget,
        TotalAnswerWaitMs = (long)q.TotalAnswerWait.TotalMilliseconds,
        TotalAbandonWaitMs = (long)q.TotalAbandonWait.TotalMilliseconds,
        TotalTalkMs = (long)q.TotalTalk.TotalMilliseconds,
        Completed = q.Completed,
        LongestWaitMs = (long)q.LongestWait.TotalMilliseconds,
    };

    private static AgentIntervalRow ToRow(AgentInterval a) => new()
    {
        Id = a.AgentId + "@" + Utc(a.StartUtc),
        AgentId = a.AgentId,
        StartUtc = Utc(a.StartUtc),
        CallsAnswered = a.CallsAnswered,
        TalkMs = (long)a.TotalTalk.TotalMilliseconds,
        IdleMs = (long)a.TimeIn(AgentState.Idle).TotalMilliseconds,
        RingingMs = (long)a.TimeIn(AgentState.Ringing).TotalMilliseconds,
        BusyMs = (long)a.TimeIn(AgentState.Busy).TotalMilliseconds,
        WrapUpMs = (long)a.TimeIn(AgentState.WrapUp).TotalMilliseconds,
        NotReadyMs = (long)a.TimeIn(AgentState.NotReady).TotalMilliseconds,
        LoggedOutMs = (long)a.TimeIn(AgentState.LoggedOut).TotalMilliseconds,
    };
}
