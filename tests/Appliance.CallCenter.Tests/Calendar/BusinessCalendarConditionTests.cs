using Appliance.CallCenter.Calendar;
using Appliance.CallCenter.Ivr.Flows;
using Appliance.CallCenter.Tests.Ivr.Flows;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.CallCenter.Tests.Calendar;

public sealed class BusinessCalendarConditionTests
{
    // Thursday 3 December 2026; the fake clock's local zone is UTC.
    private static readonly DateTimeOffset s_thursdayMorning = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    private static readonly string s_scheduleFlow = FlowJson.Document(
        "main",
        1,
        "hours",
        [],
        ["""{ "id": "hours", "type": "condition", "schedule": "office", "then": "open", "else": "closed" }""",
            """{ "id": "open", "type": "transfer", "extension": "open" }""",
            """{ "id": "closed", "type": "transfer", "extension": "closed" }"""]);

    [Theory]
    [InlineData(10, 0, "open")]
    [InlineData(12, 45, "closed")]
    [InlineData(17, 59, "open")]
    [InlineData(18, 0, "closed")]
    public void AScheduleConditionFollowsTheNamedScheduleOfTheBox(int hour, int minute, string expected)
    {
        var library = LibraryWith(Calendar("09:00-12:30, 13:30-18:00"));
        Assert.True(library.Replace(s_scheduleFlow).IsValid);

        var action = library.StartRun("main", Clock(new DateTimeOffset(2026, 12, 3, hour, minute, 0, TimeSpan.Zero)))!
            .Start();

        Assert.Equal(new TransferCall(expected), action);
    }

    [Fact]
    public void AnEditedCalendarFlipsTheNextRunButNotOneAlreadyStarted()
    {
        var library = LibraryWith(Calendar("09:00-18:00"));
        library.Replace(s_scheduleFlow);
        var before = library.StartRun("main", Clock(s_thursdayMorning))!;

        var problems = library.UseCalendar(Calendar("closed"));
        var after = library.StartRun("main", Clock(s_thursdayMorning))!.Start();

        Assert.Empty(problems);
        Assert.Equal(new TransferCall("open"), before.Start());
        Assert.Equal(new TransferCall("closed"), after);
    }

    [Fact]
    public void AHolidayOfTheBoxClosesEveryScheduleAndHoldsForHolidayConditions()
    {
        var holidays = new Dictionary<DateOnly, string> { [new DateOnly(2026, 12, 3)] = "Founders' day" };
        var library = LibraryWith(new BusinessCalendar([Office("00:00-24:00")], holidays));
        library.Replace(s_scheduleFlow);
        library.Replace(FlowJson.Document(
            "holiday",
            1,
            "check",
            [],
            ["""{ "id": "check", "type": "condition", "holiday": true, "then": "open", "else": "closed" }""",
                """{ "id": "open", "type": "transfer", "extension": "open" }""",
                """{ "id": "closed", "type": "transfer", "extension": "closed" }"""]));

        var scheduled = library.StartRun("main", Clock(s_thursdayMorning))!.Start();
        var holiday = library.StartRun("holiday", Clock(s_thursdayMorning))!.Start();

        Assert.Equal(new TransferCall("closed"), scheduled);
        Assert.Equal(new TransferCall("open"), holiday);
    }

    [Fact]
    public void AFlowNamingAnUnknownScheduleIsRefusedByNodeAndField()
    {
        var library = LibraryWith(BusinessCalendar.Empty);

        var validation = library.Replace(s_scheduleFlow);

        Assert.False(validation.IsValid);
        var problem = Assert.Single(validation.Problems, p => p.Severity == FlowProblemSeverity.Error);
        Assert.Equal(("hours", "schedule"), (problem.NodeId, problem.Field));
        Assert.Null(library.Find("main"));
    }

    [Fact]
    public void ACalendarWithoutAScheduleARunningFlowNamesIsRefusedAndTheOldOneStays()
    {
        var library = LibraryWith(Calendar("09:00-18:00"));
        library.Replace(s_scheduleFlow);

        var problems = library.UseCalendar(BusinessCalendar.Empty);

        var problem = Assert.Single(problems);
        Assert.Contains("flow 'main'", problem.Message, StringComparison.Ordinal);
        Assert.True(library.Calendar.Schedules.ContainsKey("office"));
    }

    /// <remarks>Thursday 3 December 2026 09:00-18:00 in the box's zone; the clock's own local
    /// zone stays UTC, as on a box whose machine clock is UTC and whose wizard stored another.</remarks>
    [Theory]
    [InlineData("Asia/Shanghai", 0, 59, "closed")]
    [InlineData("Asia/Shanghai", 1, 0, "open")]
    [InlineData("Asia/Shanghai", 9, 59, "open")]
    [InlineData("Asia/Shanghai", 10, 0, "closed")]
    [InlineData("America/New_York", 13, 59, "closed")]
    [InlineData("America/New_York", 14, 0, "open")]
    [InlineData("America/New_York", 22, 59, "open")]
    [InlineData("America/New_York", 23, 0, "closed")]
    public void AScheduleIsReadInTheCalendarsZoneNotTheClocksLocalOne(
        string zone,
        int utcHour,
        int utcMinute,
        string expected)
    {
        var calendar = new BusinessCalendar(
            [Office("09:00-18:00")],
            new Dictionary<DateOnly, string>(),
            TimeZoneInfo.FindSystemTimeZoneById(zone));
        var library = LibraryWith(calendar);
        library.Replace(s_scheduleFlow);

        var action = library.StartRun("main", Clock(new DateTimeOffset(2026, 12, 3, utcHour, utcMinute, 0, TimeSpan.Zero)))!
            .Start();

        Assert.Equal(new TransferCall(expected), action);
    }

    [Fact]
    public void AHolidayIsTheDayOfTheCalendarsZone()
    {
        // 3 December 20:00 UTC is already Friday 4 December in Shanghai, the box's holiday.
        var holidays = new Dictionary<DateOnly, string> { [new DateOnly(2026, 12, 4)] = "Founders' day" };
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var library = LibraryWith(new BusinessCalendar([Office("00:00-24:00")], holidays, shanghai));
        library.Replace(FlowJson.Document(
            "holiday",
            1,
            "check",
            [],
            ["""{ "id": "check", "type": "condition", "holiday": true, "then": "open", "else": "closed" }""",
                """{ "id": "open", "type": "transfer", "extension": "open" }""",
                """{ "id": "closed", "type": "transfer", "extension": "closed" }"""]));

        var action = library.StartRun("holiday", Clock(new DateTimeOffset(2026, 12, 3, 20, 0, 0, TimeSpan.Zero)))!
            .Start();

        Assert.Equal(new TransferCall("open"), action);
    }

    [Theory]
    [InlineData("9:00-17:00", "09:00-17:00")]
    [InlineData(" closed ", "closed")]
    [InlineData("", "closed")]
    [InlineData("00:00-24:00", "00:00-24:00")]
    [InlineData("08:00-12:00,13:00-17:30", "08:00-12:00, 13:00-17:30")]
    public void OpeningHoursReadWhatAnAdminWritesAndFormatItBack(string text, string expected)
    {
        var parsed = OpeningHours.TryParseDay(text, out var hours, out var error);

        Assert.True(parsed, error);
        Assert.Equal(expected, OpeningHours.FormatDay(hours));
    }

    [Theory]
    [InlineData("9-17", "'9-17' is not a range")]
    [InlineData("18:00-09:00", "ends before it starts")]
    [InlineData("09:00-12:00, 11:00-13:00", "starts before the range ahead of it ends")]
    [InlineData("09:00-25:00", "is not a range")]
    public void OpeningHoursRefuseARangeThatDoesNotHoldTogether(string text, string message)
    {
        var parsed = OpeningHours.TryParseDay(text, out _, out var error);

        Assert.False(parsed);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    private static IvrFlowLibrary LibraryWith(BusinessCalendar calendar)
    {
        var library = new IvrFlowLibrary();
        Assert.Empty(library.UseCalendar(calendar));
        return library;
    }

    private static BusinessCalendar Calendar(string thursday) =>
        new([Office(thursday)], new Dictionary<DateOnly, string>());

    private static BusinessSchedule Office(string thursday)
    {
        Assert.True(OpeningHours.TryParseDay(thursday, out var hours, out var error), error);
        return new BusinessSchedule("office", new Dictionary<DayOfWeek, IReadOnlyList<OpeningHours>>
        {
            [DayOfWeek.Thursday] = hours,
        });
    }

    private static FakeTimeProvider Clock(DateTimeOffset now)
    {
        var time = new FakeTimeProvider(now);
        time.SetLocalTimeZone(TimeZoneInfo.Utc);
        return time;
    }
}
