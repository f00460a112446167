using Appliance.Storage.Rows;
using Appliance.Web.Reports;

namespace Appliance.Web.Tests.Reports;

public sealed class CallReportsTests
{
    private static readonly TimeZoneInfo s_shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static readonly CdrRow[] s_calls =
    [
        Call("a", "2026-12-03T09:01:00Z", "2026-12-03T09:05:00Z", "answered", "sales", "1001", port: "e1-0"),
        Call("b", "2026-12-03T09:04:00Z", "2026-12-03T09:20:00Z", "answered", "sales", "1002", port: "e1-0"),
        Call("c", "2026-12-03T09:20:00Z", "2026-12-03T09:21:00Z", "abandoned", "support", null, port: "e1-0"),
        Call("d", "2026-12-03T09:15:00Z", "2026-12-03T09:16:00Z", "abandoned", null, null, port: null),
    ];

    [Fact]
    public void TheIntervalReportCountsEachCallInTheQuarterHourItArrivedIn()
    {
        var table = CallReports.Interval(s_calls, TimeZoneInfo.Utc);

        Assert.Equal(["2026-12-03 09:00", "2026-12-03 09:15"], table.Rows.Select(r => (string)r[0]!));
        Assert.Equal([2, 2], table.Rows.Select(r => (int)r[1]!));
        Assert.Equal([0, 2], table.Rows.Select(r => (int)r[3]!));
    }

    [Fact]
    public void TheIntervalReportPutsTheForecastBesideTheCallsAndKeepsForecastIntervalsWithoutCalls()
    {
        var forecast = new Dictionary<DateTime, double>
        {
            [new DateTime(2026, 12, 3, 9, 0, 0, DateTimeKind.Utc)] = 2.44,
            [new DateTime(2026, 12, 3, 9, 30, 0, DateTimeKind.Utc)] = 1.5,
            [new DateTime(2026, 12, 3, 9, 45, 0, DateTimeKind.Utc)] = 0,
        };

        var table = CallReports.Interval(s_calls, TimeZoneInfo.Utc, forecast);
        var shanghai = CallReports.Interval(s_calls, s_shanghai, forecast);

        Assert.Equal(1.5, shanghai.Rows.Single(r => (string)r[0]! == "2026-12-03 17:30")[^1]);
        Assert.Equal("forecast_calls", table.Columns[^1]);
        Assert.Equal(["2026-12-03 09:00", "2026-12-03 09:15", "2026-12-03 09:30"], table.Rows.Select(r => (string)r[0]!));
        Assert.Equal([2.4, null, 1.5], table.Rows.Select(r => (double?)r[^1]));
        Assert.Equal([2, 2, 0], table.Rows.Select(r => (int)r[1]!));
    }

    [Fact]
    public void TheQueueReportGivesTheAbandonRateOfEachQueue()
    {
        var table = CallReports.Queue(s_calls);

        var support = table.Rows.Single(r => (string)r[0]! == "support");
        Assert.Equal(100.0, support[4]);
        var sales = table.Rows.Single(r => (string)r[0]! == "sales");
        Assert.Equal(0.0, sales[4]);
        Assert.Contains(table.Rows, r => (string)r[0]! == "(none)");
    }

    [Fact]
    public void TheTrunkReportCountsCallsUpAtOnceButNotBackToBackOnes()
    {
        var table = CallReports.Trunk(s_calls);

        // a and b overlap from 09:04; c starts the instant b ends, which is not a third.
        var e1 = table.Rows.Single(r => (string)r[0]! == "e1-0");
        Assert.Equal(3, e1[1]);
        Assert.Equal(2, e1[4]);
        var sip = table.Rows.Single(r => (string)r[0]! == "sip");
        Assert.Equal(1, sip[4]);
    }

    [Fact]
    public void TheAbandonedReportListsOnlyAbandonedCallsOldestFirst()
    {
        var table = CallReports.Abandoned(s_calls, TimeZoneInfo.Utc);

        Assert.Equal(["2026-12-03 09:15:00", "2026-12-03 09:20:00"], table.Rows.Select(r => (string)r[0]!));
        Assert.Equal("(IVR)", table.Rows[0][4]);
    }

    [Fact]
    public void AnUnknownReportNameHasNoTable()
    {
        Assert.Null(CallReports.Build("nosuch", s_calls, TimeZoneInfo.Utc));
    }

    [Fact]
    public void TheIntervalAndAbandonedReportsShowTheWallClockOfTheBoxsZone()
    {
        var interval = CallReports.Interval(s_calls, s_shanghai);
        var abandoned = CallReports.Abandoned(s_calls, s_shanghai);

        // Shanghai is UTC+8 all year.
        Assert.Equal(["2026-12-03 17:00", "2026-12-03 17:15"], interval.Rows.Select(r => (string)r[0]!));
        Assert.Equal(["2026-12-03 17:15:00", "2026-12-03 17:20:00"], abandoned.Rows.Select(r => (string)r[0]!));
        Assert.Contains("Asia/Shanghai", interval.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void TheTrunkReportCountsEachSipTrunkByNameAndOlderRecordsUnderSip()
    {
        CdrRow[] calls =
        [
            Call("x", "2026-12-03T10:00:00Z", "2026-12-03T10:02:00Z", "answered", "sales", "1001", null, "carrier-a"),
            Call("y", "2026-12-03T10:01:00Z", "2026-12-03T10:03:00Z", "answered", "sales", "1002", null, "carrier-a"),
            Call("z", "2026-12-03T10:05:00Z", "2026-12-03T10:06:00Z", "abandoned", "sales", null, null, "carrier-b"),
            Call("old", "2026-12-03T10:07:00Z", "2026-12-03T10:08:00Z", "abandoned", "sales", null, null, null),
            Call("pstn", "2026-12-03T10:09:00Z", "2026-12-03T10:10:00Z", "answered", "sales", "1001", "e1-0", "loopback"),
        ];

        var table = CallReports.Trunk(calls);

        Assert.Equal(["carrier-a", "carrier-b", "e1-0", "sip"], table.Rows.Select(r => (string)r[0]!));
        Assert.Equal([2, 1, 1, 1], table.Rows.Select(r => (int)r[1]!));
        Assert.Equal(2, table.Rows[0][4]);
    }

    private static CdrRow Call(
        string id,
        string arrived,
        string ended,
        string disposition,
        string? queue,
        string? agent,
        string? port,
        string? trunk = null) => new()
    {
        CallId = id,
        ArrivedUtc = arrived,
        EndedUtc = ended,
        Disposition = disposition,
        Queue = queue,
        Agent = agent,
        TrunkPort = port,
        Trunk = trunk,
        TalkSeconds = disposition == "answered" ? 60 : 0,
    };
}
