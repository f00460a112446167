using System.Globalization;
using Appliance.Storage.Rows;

namespace Appliance.Web.Reports;

/// <summary>
/// The supervisor's reports, computed from the call records of a range of days: calls per
/// 15-minute interval, per queue, per agent, each abandoned call, and trunk usage. Times are shown
/// in the box's time zone. Pure: the same records and zone always give the same tables.
/// </summary>
public static class CallReports
{
    /// <summary>Reports by name, in the order the page shows them.</summary>
    public static readonly IReadOnlyList<string> Names = ["interval", "queue", "agent", "abandoned", "trunk"];

    // The dispositions of table Cdr the reports count.
    private const string AnsweredDisposition = "answered";
    private const string AbandonedDisposition = "abandoned";

    private static readonly TimeSpan s_interval = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The report <paramref name="name"/>, or null when there is none by that name;
    /// <paramref name="forecastCalls"/> (calls forecast per interval start, UTC, every queue summed)
    /// fills the interval report's forecast column.
    /// </summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <param name="calls">The records of the range.</param>
    /// <param name="zone">The box's time zone, which the times are shown in.</param>
    /// <param name="forecastCalls">The forecast calls by UTC interval start, or null.</param>
    public static ReportTable? Build(
        string name,
        IReadOnlyList<CdrRow> calls,
        TimeZoneInfo zone,
        IReadOnlyDictionary<DateTime, double>? forecastCalls = null)
    {
        ArgumentNullException.ThrowIfNull(calls);
        return name switch
        {
            "interval" => Interval(calls, zone, forecastCalls),
            "queue" => Queue(calls),
            "agent" => Agent(calls),
            "abandoned" => Abandoned(calls, zone),
            "trunk" => Trunk(calls),
            _ => null,
        };
    }

    /// <summary>
    /// Calls per 15-minute interval of arrival, by the wall clock of <paramref name="zone"/>, beside
    /// the calls forecast for it; intervals with neither calls nor a forecast of any are left out.
    /// </summary>
    public static ReportTable Interval(
        IReadOnlyList<CdrRow> calls,
        TimeZoneInfo zone,
        IReadOnlyDictionary<DateTime, double>? forecastCalls = null)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var forecast = (forecastCalls ?? new Dictionary<DateTime, double>())
            .Where(f => f.Value > 0)
            .GroupBy(f => IntervalStart(Local(f.Key, zone)))
            .ToDictionary(g => g.Key, g => g.Sum(f => f.Value));
        var byInterval = calls.ToLookup(c => IntervalStart(Local(Arrived(c), zone)));
        var rows = byInterval.Select(g => g.Key)
            .Union(forecast.Keys)
            .Order()
            .Select(at =>
            {
                var g = byInterval[at].ToList();
                double? expected = forecast.TryGetValue(at, out var offered) ? Math.Round(offered, 1) : null;
                return Row(
                    at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    g.Count,
                    g.Count(IsAnswered),
                    g.Count(IsAbandoned),
                    Average(g.Select(c => (double)c.WaitSeconds)),
                    g.Sum(c => c.TalkSeconds),
                    expected);
            })
            .ToList();
        return new ReportTable(
            "interval",
            $"Calls per 15-minute interval ({zone.Id}), beside the forecast",
            ["interval", "calls", "answered", "abandoned", "avg_wait_s", "talk_s", "forecast_calls"],
            rows,
            "calls");
    }

    /// <summary>Per queue: offered, answered, abandoned and their rate, waits and talk time.</summary>
    public static ReportTable Queue(IReadOnlyList<CdrRow> calls)
    {
        var rows = calls
            .GroupBy(c => c.Queue ?? "(none)", StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Row(
                g.Key,
                g.Count(),
                g.Count(IsAnswered),
                g.Count(IsAbandoned),
                Percent(g.Count(IsAbandoned), g.Count()),
                Average(g.Select(c => (double)c.WaitSeconds)),
                g.Max(c => c.WaitSeconds),
                Average(g.Where(IsAnswered).Select(c => (double)c.TalkSeconds))))
            .ToList();
        return new ReportTable(
            "queue",
            "Calls per queue",
            ["queue", "calls", "answered", "abandoned", "abandoned_pct", "avg_wait_s", "max_wait_s", "avg_talk_s"],
            rows,
            "calls");
    }

    /// <summary>Per agent: calls answered, talk time, and calls transferred onwards.</summary>
    public static ReportTable Agent(IReadOnlyList<CdrRow> calls)
    {
        var rows = calls
            .Where(c => c.Agent is not null)
            .GroupBy(c => c.Agent!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Row(
                g.Key,
                g.Count(IsAnswered),
                g.Sum(c => c.TalkSeconds),
                Average(g.Where(IsAnswered).Select(c => (double)c.TalkSeconds)),
                g.Count(c => c.TransferredTo is not null)))
            .ToList();
        return new ReportTable(
            "agent",
            "Calls per agent",
            ["agent", "answered", "talk_s", "avg_talk_s", "transferred"],
            rows,
            "answered");
    }

    /// <summary>Each call the caller gave up on, oldest first, with how long it waited and where;
    /// the arrival is by the wall clock of <paramref name="zone"/>.</summary>
    public static ReportTable Abandoned(IReadOnlyList<CdrRow> calls, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var rows = calls
            .Where(IsAbandoned)
            .OrderBy(Arrived)
            .Select(c => Row(
                Local(Arrived(c), zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                c.CallerNumber,
                c.Did,
                c.IvrChoice,
                c.Queue ?? "(IVR)",
                c.WaitSeconds))
            .ToList();
        return new ReportTable(
            "abandoned",
            "Abandoned calls",
            ["arrived", "caller", "did", "ivr_choice", "queue", "wait_s"],
            rows,
            "wait_s");
    }

    /// <summary>
    /// Per trunk (see <see cref="TrunkOf"/>): calls, answered, minutes carried, the most calls up
    /// at once, and the mean MOS of the calls that have a quality summary.
    /// </summary>
    public static ReportTable Trunk(IReadOnlyList<CdrRow> calls)
    {
        var rows = calls
            .GroupBy(TrunkOf, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Row(
                g.Key,
                g.Count(),
                g.Count(IsAnswered),
                Math.Round(g.Sum(c => (Ended(c) - Arrived(c)).TotalMinutes), 1),
                PeakSimultaneous(g.Select(c => (Arrived(c), Ended(c)))),
                Average(g.Where(c => c.Mos is not null).Select(c => c.Mos!.Value), decimals: 2)))
            .ToList();
        return new ReportTable(
            "trunk",
            "Trunk usage",
            ["trunk", "calls", "answered", "minutes", "peak_simultaneous", "avg_mos"],
            rows,
            "minutes");
    }

    /// <summary>
    /// The trunk a call is counted under: its PSTN port (e1-0, fxo-1, gsm-0) when it came from
    /// the card, else the SIP trunk it came in on, else <c>sip</c> for records written before the
    /// box kept the trunk's name.
    /// </summary>
    public static string TrunkOf(CdrRow call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call.TrunkPort ?? (string.IsNullOrEmpty(call.Trunk) ? "sip" : call.Trunk);
    }

    /// <summary>The start of the 15-minute interval <paramref name="at"/> falls in, of the same kind.</summary>
    public static DateTime IntervalStart(DateTime at) =>
        new(at.Ticks - (at.Ticks % s_interval.Ticks), at.Kind);

    /// <summary>The wall-clock time in <paramref name="zone"/> of UTC time <paramref name="utc"/>.</summary>
    public static DateTime Local(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    /// <summary>The most spans (a call's start to its end) open at once; a span ending as another
    /// starts does not overlap it.</summary>
    internal static int PeakSimultaneous(IEnumerable<(DateTime Start, DateTime End)> spans)
    {
        // A sweep over starts (+1) and ends (-1); an end at the same instant as a start comes
        // first, so back-to-back calls on one line do not count as two at once.
        var edges = spans
            .SelectMany(s => new[] { (At: s.Start, Step: 1), (At: s.End, Step: -1) })
            .OrderBy(e => e.At)
            .ThenBy(e => e.Step);
        int current = 0, peak = 0;
        foreach (var edge in edges)
        {
            current += edge.Step;
            peak = Math.Max(peak, current);
        }

        return peak;
    }

    internal static bool IsAnswered(CdrRow c) => c.Disposition == AnsweredDisposition;

    private static bool IsAbandoned(CdrRow c) => c.Disposition == AbandonedDisposition;

    /// <summary>When <paramref name="c"/> arrived, UTC (the epoch for a time that does not read).</summary>
    public static DateTime Arrived(CdrRow c) => Utc(c.ArrivedUtc) ?? DateTime.UnixEpoch;

    /// <summary>When <paramref name="c"/> ended, UTC; its arrival when the end is missing or earlier.</summary>
    public static DateTime Ended(CdrRow c) =>
        Utc(c.EndedUtc) is { } ended && ended >= Arrived(c) ? ended : Arrived(c);

    /// <summary>An ISO-8601 time of a stored row as UTC, or null when it does not read.</summary>
    internal static DateTime? Utc(string? text) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : null;

    internal static double? Average(IEnumerable<double> values, int decimals = 1)
    {
        var list = values.ToList();
        return list.Count == 0 ? null : Math.Round(list.Average(), decimals);
    }

    private static double Percent(int part, int whole) => whole == 0 ? 0 : Math.Round(100.0 * part / whole, 1);

    private static object?[] Row(params object?[] cells) => cells;
}
