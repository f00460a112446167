using System.Globalization;
using Appliance.CallCenter.Agents;
using Appliance.CallCenter.Figures;
using Appliance.Storage.Rows;

namespace Appliance.Storage;

/// <summary>
/// Converts the ACD's interval figures to and from the rows of tables <c>QueueInterval</c> and
/// <c>AgentInterval</c>: times as ISO 8601 UTC text, durations as whole milliseconds.
/// </summary>
internal static class IntervalRows
{
    public static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseUtc(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static QueueIntervalRow ToRow(QueueInterval q) => new()
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

    public static AgentIntervalRow ToRow(AgentInterval a) => new()
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

    public static QueueInterval ToInterval(QueueIntervalRow row) => new(row.Queue, ParseUtc(row.StartUtc))
    {
        Offered = row.Offered,
        Answered = row.Answered,
        Abandoned = row.Abandoned,
        ShortAbandoned = row.ShortAbandoned,
        Overflowed = row.Overflowed,
        AnsweredWithinTarget = row.AnsweredWithinTarget,
        TotalAnswerWait = TimeSpan.FromMilliseconds(row.TotalAnswerWaitMs),
        TotalAbandonWait = TimeSpan.FromMilliseconds(row.TotalAbandonWaitMs),
        TotalTalk = TimeSpan.FromMilliseconds(row.TotalTalkMs),
        Completed = row.Completed,
        LongestWait = TimeSpan.FromMilliseconds(row.LongestWaitMs),
    };

    public static AgentInterval ToInterval(AgentIntervalRow row)
    {
        var interval = new AgentInterval(row.AgentId, ParseUtc(row.StartUtc))
        {
            CallsAnswered = row.CallsAnswered,
            TotalTalk = TimeSpan.FromMilliseconds(row.TalkMs),
        };
        interval.Add(AgentState.Idle, TimeSpan.FromMilliseconds(row.IdleMs));
        interval.Add(AgentState.Ringing, TimeSpan.FromMilliseconds(row.RingingMs));
        interval.Add(AgentState.Busy, TimeSpan.FromMilliseconds(row.BusyMs));
        interval.Add(AgentState.WrapUp, TimeSpan.FromMilliseconds(row.WrapUpMs));
        interval.Add(AgentState.NotReady, TimeSpan.FromMilliseconds(row.NotReadyMs));
        interval.Add(AgentState.LoggedOut, TimeSpan.FromMilliseconds(row.LoggedOutMs));
        return interval;
    }
}
