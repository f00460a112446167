using Appliance.CallCenter.Dialer;

namespace Appliance.CallCenter.Tests.Dialer;

public sealed class CallingHoursTests
{
    private static readonly TimeZoneInfo s_newYork = SchedulerBuilder.NewYork;
    private static readonly TimeZoneInfo s_london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly TimeZoneInfo s_tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
    private static readonly CallingHours s_nineToFive = new(new TimeOnly(9, 0), new TimeOnly(17, 0));

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0)
        => new(2025, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void OneInstantIsInsideTheWindowInOneZoneAndOutsideInOthers()
    {
        var instant = Utc(1, 6, 15);

        Assert.True(s_nineToFive.IsOpen(instant, s_newYork));
        Assert.True(s_nineToFive.IsOpen(instant, s_london));
        Assert.False(s_nineToFive.IsOpen(instant, s_tokyo));
    }

    [Fact]
    public void WindowClosesAtItsClosingMinuteAndOpensAtItsOpeningMinute()
    {
        Assert.False(s_nineToFive.IsOpen(Utc(1, 6, 22), s_newYork));
        Assert.True(s_nineToFive.IsOpen(Utc(1, 6, 21, 59), s_newYork));
        Assert.True(s_nineToFive.IsOpen(Utc(1, 6, 14), s_newYork));
        Assert.False(s_nineToFive.IsOpen(Utc(1, 6, 13, 59), s_newYork));
    }

    [Fact]
    public void WindowKeepsItsLocalHoursAcrossTheSpringChange()
    {
        // New York moves from UTC−5 to UTC−4 on 9 March 2025: 09:00 local is 14:00 UTC before, 13:00 after.
        var before = Utc(3, 7, 13, 30);
        var after = Utc(3, 10, 13, 30);

        Assert.False(s_nineToFive.IsOpen(before, s_newYork));
        Assert.True(s_nineToFive.IsOpen(after, s_newYork));
        Assert.Equal(Utc(3, 10, 13), s_nineToFive.NextOpening(Utc(3, 9, 22), s_newYork));
    }

    [Fact]
    public void NextOpeningAfterCloseIsTomorrowsOpeningInTheContactsZone()
    {
        var afterClose = Utc(1, 6, 23);

        var next = s_nineToFive.NextOpening(afterClose, s_newYork);

        Assert.Equal(Utc(1, 7, 14), next);
    }

    [Fact]
    public void NextOpeningSkipsDaysThatAreNotAllowed()
    {
        var weekdays = new CallingHours(new TimeOnly(9, 0), new TimeOnly(17, 0),
            [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday]);
        var fridayEvening = Utc(1, 10, 23);

        var next = weekdays.NextOpening(fridayEvening, s_newYork);

        Assert.Equal(Utc(1, 13, 14), next);
        Assert.False(weekdays.IsOpen(Utc(1, 11, 15), s_newYork));
    }

    [Fact]
    public void OpeningInsideTheSpringGapMovesToTheEndOfTheGap()
    {
        // 02:00-03:00 does not exist in New York on 9 March 2025; 03:00 EDT is 07:00 UTC.
        var early = new CallingHours(new TimeOnly(2, 30), new TimeOnly(17, 0));

        var next = early.NextOpening(Utc(3, 9, 5), s_newYork);

        Assert.Equal(Utc(3, 9, 7), next);
    }

    [Fact]
    public void OpeningThatOccursTwiceInAutumnIsTheFirstOfTheTwo()
    {
        // 01:30 happens twice in New York on 2 November 2025: first at UTC−4 (05:30 UTC).
        var early = new CallingHours(new TimeOnly(1, 30), new TimeOnly(17, 0));

        var next = early.NextOpening(Utc(11, 2, 4), s_newYork);

        Assert.Equal(Utc(11, 2, 5, 30), next);
    }

    [Fact]
    public void SchedulerSetsAsideAContactWhoseZoneIsClosedAndDialsAnOpenOneFirst()
    {
        var builder = new SchedulerBuilder { Hours = s_nineToFive }.WithContacts(1, s_tokyo).WithContacts(1);
        var scheduler = builder.Build();
        var now = Utc(1, 6, 15);

        scheduler.TryTakeNext(now, out var first);
        var second = scheduler.TryTakeNext(now, out _);

        Assert.Equal("c1", first!.Id);
        Assert.False(second);
        Assert.Equal(Utc(1, 7, 0), scheduler.NextDueUtc);
        Assert.True(scheduler.TryTakeNext(Utc(1, 7, 0), out var tokyo));
        Assert.Equal("c0", tokyo.Id);
    }

    [Fact]
    public void WindowThatDoesNotOpenBeforeItClosesIsRefused()
    {
        Assert.Throws<ArgumentException>(() => new CallingHours(new TimeOnly(21, 0), new TimeOnly(8, 0)));
    }
}
