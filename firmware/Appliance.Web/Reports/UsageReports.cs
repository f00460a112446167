using System.Globalization;
using Appliance.Storage.Rows;
using Appliance.Storage.Web;

namespace Appliance.Web.Reports;

/// <summary>
/// The usage page's tables over a range of days: who used the web (logins and changes from the
/// audit log), each agent's calls and talk time, each trunk's calls in and out, minutes, busiest
/// hour and most calls at once, and call quality by trunk and by the agent's phone with the worst
/// calls. Times are shown in the box's time zone. Pure: the same rows and zone give the same tables.
/// </summary>
public static class UsageReports
{
    /// <summary>Tables by name, in the order the page shows them.</summary>
    public static readonly IReadOnlyList<string> Names =
        ["users", "agents", "trunks", "quality-trunk", "quality-phone", "worst"];

    /// <summary>The audit action a successful login writes.</summary>
    public const string LoginAction = "session.login";

    /// <summary>
    /// A call below this MOS counts as poor: ITU-T G.107 Annex B turns R 70 into MOS 3.6, and
    /// G.109 rates R below 70 "many users dissatisfied".
    /// </summary>
    public const double PoorMos = 3.6;

    /// <summary>How many calls the worst-calls list holds.</summary>
    public const int WorstCount = 20;

    // The trunk name a callback record carries; the box dialled it, so it counts as a call out.
    private const string CallbackTrunk = "callback";

    /// <summary>The table <paramref name="name"/>, or null when there is none by that name.</summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <param name="calls">The call records of the range.</param>
    /// <param name="audit">The audit entries of the range.</param>
    /// <param name="zone">The box's time zone, which times are shown in.</param>
    public static ReportTable? Build(
        string name,
        IReadOnlyList<CdrRow> calls,
        IReadOnlyList<AuditRow> audit,
        TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(zone);
        return name switch
        {
            "users" => Users(audit, zone),
            "agents" => Agents(calls),
            "trunks" => Trunks(calls, zone),
            "quality-trunk" => Quality(name, "Call quality per trunk", "trunk", calls, QualityTrunkOf),
            "quality-phone" => Quality(name, "Call quality per phone", "phone", calls, PhoneOf),
            "worst" => Worst(calls, zone),
            _ => null,
        };
    }

    /// <summary>Per web user (or API token): logins, changes, and when last seen.</summary>
    public static ReportTable Users(IReadOnlyList<AuditRow> audit, TimeZoneInfo zone)
    {
        var rows = audit
            .GroupBy(a => a.Actor, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Row(
                g.Key,
                g.Count(IsLogin),
                g.Count(a => !IsLogin(a)),
                Minute(g.Max(a => CallReports.Utc(a.AtUtc)), zone)))
            .ToList();
        return new ReportTable(
            "users",
            "Web users: logins and changes",
            ["user", "logins", "changes", "last_seen"],
            rows,
            "changes");
    }

    /// <summary>Per agent: calls it took part in, answered, talk minutes and average talk.</summary>
    public static ReportTable Agents(IReadOnlyList<CdrRow> calls)
    {
        var rows = calls
            .Where(c => c.Agent is not null)
            .GroupBy(c => c.Agent!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Row(
                g.Key,
                g.Count(),
                g.Count(CallReports.IsAnswered),
                Math.Round(g.Sum(c => c.TalkSeconds) / 60.0, 1),
                CallReports.Average(g.Where(CallReports.IsAnswered).Select(c => (double)c.TalkSeconds))))
            .ToList();
        return new ReportTable(
            "agents",
            "Agents and extensions: calls and talk time",
            ["agent", "calls", "answered", "talk_min", "avg_talk_s"],
            rows,
            "talk_min");
    }

    /// <summary>
    /// Per trunk: calls in (by <see cref="CallReports.TrunkOf"/>), calls out (by the outbound trunk,
    /// and callbacks), minutes carried (a call out from its answer), the hour of the day in which
    /// most of them started, and the most up at once.
    /// </summary>
    public static ReportTable Trunks(IReadOnlyList<CdrRow> calls, TimeZoneInfo zone)
    {
        var uses = new List<TrunkUse>();
        foreach (var call in calls)
        {
            var arrived = CallReports.Arrived(call);
            var ended = CallReports.Ended(call);
            if (call.Trunk == CallbackTrunk)
            {
                uses.Add(new TrunkUse(CallbackTrunk, Outbound: true, arrived, ended));
                continue;
            }

            uses.Add(new TrunkUse(CallReports.TrunkOf(call), Outbound: false, arrived, ended));
            if (call.OutboundTrunk is { Length: > 0 } outbound)
            {
                var answered = CallReports.Utc(call.AnsweredUtc) is { } at && at >= arrived && at <= ended
                    ? at
                    : arrived;
                uses.Add(new TrunkUse(outbound, Outbound: true, answered, ended));
            }
        }

        var rows = uses
            .GroupBy(u => u.Trunk, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var busiest = g
                    .GroupBy(u => CallReports.Local(u.Start, zone).Hour)
                    .OrderByDescending(h => h.Count())
                    .ThenBy(h => h.Key)
                    .First();
                return Row(
                    g.Key,
                    g.Count(u => !u.Outbound),
                    g.Count(u => u.Outbound),
                    Math.Round(g.Sum(u => (u.End - u.Start).TotalMinutes), 1),
                    string.Create(CultureInfo.InvariantCulture, $"{busiest.Key:D2}:00"),
                    busiest.Count(),
                    CallReports.PeakSimultaneous(g.Select(u => (u.Start, u.End))));
            })
            .ToList();
        return new ReportTable(
            "trunks",
            "Trunks: calls in and out, minutes, busiest hour",
            [
                "trunk", "calls_in", "calls_out", "minutes", "busiest_hour", "busiest_hour_calls",
                "peak_concurrent",
            ],
            rows,
            "minutes");
    }

    /// <summary>
    /// Per trunk or phone, over the calls with a quality summary: how many, the mean MOS, loss and
    /// jitter, and how many were poor (MOS below <see cref="PoorMos"/>).
    /// </summary>
    public static ReportTable Quality(
        string name,
        string title,
        string keyColumn,
        IReadOnlyList<CdrRow> calls,
        Func<CdrRow, string> key)
    {
        var rows = calls
            .Where(c => c.Mos is not null)
            .GroupBy(key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Row(
                g.Key,
                g.Count(),
                CallReports.Average(g.Select(c => c.Mos!.Value), decimals: 2),
                CallReports.Average(g.Select(c => c.LossPercent).OfType<double>(), decimals: 2),
                CallReports.Average(g.Select(c => c.JitterMs).OfType<double>()),
                g.Count(c => c.Mos < PoorMos)))
            .ToList();
        return new ReportTable(
            name,
            title,
            [keyColumn, "calls", "mean_mos", "mean_loss_pct", "mean_jitter_ms", "poor_calls"],
            rows,
            "mean_mos");
    }

    /// <summary>
    /// The <see cref="WorstCount"/> calls of lowest MOS (the higher loss first among equals), each
    /// with the path of its recording's audio when it has one.
    /// </summary>
    public static ReportTable Worst(IReadOnlyList<CdrRow> calls, TimeZoneInfo zone)
    {
        var rows = calls
            .Where(c => c.Mos is not null)
            .OrderBy(c => c.Mos)
            .ThenByDescending(c => c.LossPercent ?? 0)
            .ThenBy(c => c.Id)
            .Take(WorstCount)
            .Select(c => Row(
                Second(CallReports.Arrived(c), zone),
                c.CallId,
                c.CallerNumber,
                QualityTrunkOf(c),
                c.Agent,
                c.AgentPhone,
                Math.Round(c.Mos!.Value, 2),
                c.LossPercent is { } loss ? Math.Round(loss, 2) : null,
                c.JitterMs is { } jitter ? Math.Round(jitter, 1) : null,
                c.RecordingFile is null
                    ? null
                    : string.Create(CultureInfo.InvariantCulture, $"/api/recordings/{c.Id}/audio")))
            .ToList();
        return new ReportTable(
            "worst",
            $"The {WorstCount} calls of worst quality",
            [
                "arrived", "call_id", "caller", "trunk", "agent", "phone", "mos", "loss_pct", "jitter_ms",
                "recording",
            ],
            rows,
            "mos");
    }

    private static string QualityTrunkOf(CdrRow call) =>
        call.Trunk == CallbackTrunk ? CallbackTrunk : CallReports.TrunkOf(call);

    private static string PhoneOf(CdrRow call) =>
        call.AgentPhone ?? (call.Agent is null ? "(no agent)" : "(unknown)");

    private static bool IsLogin(AuditRow entry) => entry.Action == LoginAction;

    private static string? Minute(DateTime? utc, TimeZoneInfo zone) =>
        utc is { } at
            ? CallReports.Local(at, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : null;

    private static string Second(DateTime utc, TimeZoneInfo zone) =>
        CallReports.Local(utc, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static object?[] Row(params object?[] cells) => cells;

    private readonly record struct TrunkUse(string Trunk, bool Outbound, DateTime Start, DateTime End);
}
