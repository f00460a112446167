using Appliance.Web.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Web.Tests.Reports;

public sealed class ReportRangeTests
{
    private static readonly TimeZoneInfo s_shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly TimeZoneInfo s_newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Fact]
    public void TodayIsTheDayOfTheBoxsZoneAndItsBoundsAreThatZonesMidnights()
    {
        // 20:00 UTC on 3 December is already 04:00 on the 4th in Shanghai.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 20, 0, 0, TimeSpan.Zero));
        time.SetLocalTimeZone(TimeZoneInfo.Utc);

        var range = ReportRange.Read(new FieldErrors(), null, null, s_shanghai, time)!;

        Assert.Equal((new DateOnly(2026, 12, 4), new DateOnly(2026, 12, 4)), (range.Start, range.End));
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 16, 0, 0, TimeSpan.Zero), range.FromUtc);
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 16, 0, 0, TimeSpan.Zero), range.ToUtc);
    }

    [Fact]
    public void ARangeAcrossTheSpringChangeInNewYorkEndsAtTheLaterOffset()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));

        var range = ReportRange.Read(new FieldErrors(), "2026-03-07", "2026-03-08", s_newYork, time)!;

        // EST (UTC-5) at the start, EDT (UTC-4) from 2026-03-08 02:00: 47 hours in all.
        Assert.Equal(new DateTimeOffset(2026, 3, 7, 5, 0, 0, TimeSpan.Zero), range.FromUtc);
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 4, 0, 0, TimeSpan.Zero), range.ToUtc);
    }

    [Fact]
    public void ADayWhoseMidnightTheClocksSkipStartsAtItsFirstMinute()
    {
        // Chile moves its clocks from 00:00 to 01:00 on the first Sunday of September.
        var santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");

        var start = ReportRange.StartOfDayUtc(new DateOnly(2026, 9, 6), santiago);

        Assert.Equal(new DateTimeOffset(2026, 9, 6, 4, 0, 0, TimeSpan.Zero), start);
    }

    [Theory]
    [InlineData("20.11.2026", null, "from")]
    [InlineData("2020-02-30", "2020-03-01", "from")]
    [InlineData("abc", null, "from")]
    [InlineData("2027-01-01", "2026-01-01", "to")]
    [InlineData("2026-11-20", "2026-11-19", "to")]
    [InlineData("2025-01-01", "2026-01-02", "to")]
    [InlineData("9999-12-31", null, "from")]
    [InlineData("0001-01-01", null, "from")]
    [InlineData("2026-11-20", "9999-12-31", "to")]
    public void ABadRangeIsRefusedNamingItsField(string from, string? to, string field)
    {
        var errors = new FieldErrors();

        var range = ReportRange.Read(errors, from, to, s_shanghai, new FakeTimeProvider());

        Assert.Null(range);
        Assert.True(errors.Any);
        Assert.Equal(field, FirstField(errors));
    }

    private static string? FirstField(FieldErrors errors) =>
        errors.ToResult() is ProblemHttpResult { ProblemDetails: HttpValidationProblemDetails details }
            ? details.Errors.Keys.Single()
            : null;
}
