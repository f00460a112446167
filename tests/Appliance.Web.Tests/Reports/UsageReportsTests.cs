using Appliance.Storage.Rows;
using Appliance.Storage.Web;
using Appliance.Web.Reports;

namespace Appliance.Web.Tests.Reports;

public sealed class UsageReportsTests
{
    private static readonly TimeZoneInfo s_newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Fact]
    public void EachWebUserHasItsLoginsChangesAndLastSeenInTheBoxsZone()
    {
        AuditRow[] audit =
        [
            Audit("2026-12-03T14:00:00.0000000Z", "admin", UsageReports.LoginAction),
            Audit("2026-12-03T14:05:00.0000000Z", "admin", "queue.saved"),
            Audit("2026-12-03T14:06:00.0000000Z", "admin", "trunk.saved"),
            Audit("2026-12-03T15:30:00.0000000Z", "supervisor", UsageReports.LoginAction),
        ];

        var table = UsageReports.Users(audit, s_newYork);

        Assert.Equal(["user", "logins", "changes", "last_seen"], table.Columns);
        Assert.Equal<object?>(["admin", 1, 2, "2026-12-03 09:06"], table.Rows[0]);
        Assert.Equal<object?>(["supervisor", 1, 0, "2026-12-03 10:30"], table.Rows[1]);
    }

    [Fact]
    public void TrunksCountCallsInAndOutTheirBusiestHourAndMostAtOnce()
    {
        CdrRow[] calls =
        [
            Cdr(1, "2026-12-03T14:00:00Z", "2026-12-03T14:10:00Z", trunk: "east"),
            Cdr(2, "2026-12-03T14:05:00Z", "2026-12-03T14:08:00Z", trunk: "east", outbound: "west",
                answered: "2026-12-03T14:06:00Z"),
            Cdr(3, "2026-12-03T16:00:00Z", "2026-12-03T16:01:00Z", trunk: "callback"),
        ];

        var table = UsageReports.Trunks(calls, s_newYork);

        Assert.Equal(["callback", "east", "west"], table.Rows.Select(r => (string)r[0]!));
        // east: two in, 13 minutes, both started at 09:xx New York time, overlapping.
        Assert.Equal<object?>(["east", 2, 0, 13.0, "09:00", 2, 2], table.Rows[1]);
        // west carried call 2 out from its answer at 14:06 to 14:08.
        Assert.Equal<object?>(["west", 0, 1, 2.0, "09:00", 1, 1], table.Rows[2]);
        Assert.Equal(0, table.Rows[0][1]);
        Assert.Equal(1, table.Rows[0][2]);
    }

    [Fact]
    public void QualityByPhoneAveragesTheCallsWithASummaryAndCountsThePoorOnes()
    {
        CdrRow[] calls =
        [
            Cdr(1, "2026-12-03T14:00:00Z", "2026-12-03T14:01:00Z", mos: 4.4, loss: 0, jitter: 2, phone: "Yealink"),
            Cdr(2, "2026-12-03T14:02:00Z", "2026-12-03T14:03:00Z", mos: 3.0, loss: 6, jitter: 30, phone: "Yealink"),
            Cdr(3, "2026-12-03T14:04:00Z", "2026-12-03T14:05:00Z", phone: "Yealink"),
            Cdr(4, "2026-12-03T14:06:00Z", "2026-12-03T14:07:00Z", mos: 4.1, loss: 1, jitter: 5, phone: null),
        ];

        var table = UsageReports.Build("quality-phone", calls, [], TimeZoneInfo.Utc)!;

        Assert.Equal(["phone", "calls", "mean_mos", "mean_loss_pct", "mean_jitter_ms", "poor_calls"], table.Columns);
        Assert.Equal<object?>(["(unknown)", 1, 4.1, 1.0, 5.0, 0], table.Rows[0]);
        Assert.Equal<object?>(["Yealink", 2, 3.7, 3.0, 16.0, 1], table.Rows[1]);
    }

    [Fact]
    public void TheWorstCallsComeLowestMosFirstWithTheirRecordingsAudio()
    {
        CdrRow[] calls =
        [
            Cdr(7, "2026-12-03T14:00:00Z", "2026-12-03T14:01:00Z", mos: 3.9, loss: 1, recording: "recordings/a.wav"),
            Cdr(8, "2026-12-03T14:02:00Z", "2026-12-03T14:03:00Z", mos: 2.5, loss: 9, recording: "recordings/b.wav"),
            Cdr(9, "2026-12-03T14:04:00Z", "2026-12-03T14:05:00Z", mos: 3.2, loss: 4),
            Cdr(10, "2026-12-03T14:06:00Z", "2026-12-03T14:07:00Z"),
        ];

        var table = UsageReports.Worst(calls, TimeZoneInfo.Utc);

        Assert.Equal(["call-8", "call-9", "call-7"], table.Rows.Select(r => (string)r[1]!));
        var recording = table.Columns.ToList().IndexOf("recording");
        Assert.Equal("/api/recordings/8/audio", table.Rows[0][recording]);
        Assert.Null(table.Rows[1][recording]);
    }

    [Fact]
    public void AnUnknownUsageTableHasNone()
    {
        Assert.Null(UsageReports.Build("nosuch", [], [], TimeZoneInfo.Utc));
    }

    private static AuditRow Audit(string at, string actor, string action) =>
        new() { AtUtc = at, Actor = actor, Action = action };

    private static CdrRow Cdr(
        int id,
        string arrived,
        string ended,
        string? trunk = null,
        string? outbound = null,
        string? answered = null,
        double? mos = null,
        double? loss = null,
        double? jitter = null,
        string? phone = null,
        string? recording = null) => new()
    {
        Id = id,
        CallId = $"call-{id}",
        ArrivedUtc = arrived,
        AnsweredUtc = answered ?? arrived,
        EndedUtc = ended,
        Disposition = "answered",
        Agent = "1001",
        Trunk = trunk,
        OutboundTrunk = outbound,
        Mos = mos,
        LossPercent = loss,
        JitterMs = jitter,
        AgentPhone = phone,
        RecordingFile = recording,
    };
}
