using System.Globalization;
using Appliance.CallCenter.Forecasting;
using Appliance.Storage.Forecasts;
using Appliance.Storage.Rows;
using Microsoft.Extensions.Time.Testing;
using Serilog.Core;

namespace Appliance.Storage.Tests.Forecasts;

/// <summary>
/// Forecasts made from rows of table <c>QueueInterval</c> and kept in table
/// <c>ForecastInterval</c>: one history of four Mondays with 40 calls of 180 s at 09:00, which
/// is 8 Erlangs in that quarter hour.
/// </summary>
public sealed class ForecastStoreTests
{
    private static readonly DateTimeOffset s_monday = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    [Trait("Category", "Integration")]
    public void AForecastMadeFromStoredFiguresIsStoredAndReadBackForItsDay()
    {
        using var temp = Seeded();
        var store = new ForecastStore(temp.Database);
        var queue = Assert.Single(store.Queues());
        var (from, to) = ForecastStore.DayRange(new DateOnly(2026, 11, 30), TimeZoneInfo.Utc);
        var computed = new DateTimeOffset(2026, 11, 29, 0, 1, 0, TimeSpan.Zero);

        store.Make(queue, from, to, computed);

        var day = store.Read("sales", from, to);
        var nine = day.Single(f => f.Interval.StartUtc == from.AddHours(9));
        Assert.Equal(96, day.Count);
        Assert.Equal(40, nine.Interval.OfferedCalls);
        Assert.Equal(TimeSpan.FromSeconds(180), nine.Interval.HandleTime);
        Assert.Equal(ErlangC.AgentsNeeded(8, TimeSpan.FromSeconds(180), TimeSpan.FromSeconds(20), 0.8),
            nine.Interval.AgentsErlangC);
        Assert.Equal(TimeSpan.FromSeconds(60), nine.Interval.Patience);
        Assert.InRange(nine.Interval.ExpectedServiceLevel!.Value, 0.8, 1);
        Assert.Equal(computed, nine.ComputedUtc);
        Assert.Null(day.Single(f => f.Interval.StartUtc == from.AddHours(3)).Interval.ExpectedServiceLevel);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public void AQueueWithoutHistoryGetsNoForecastAndNothingIsStored()
    {
        using var temp = Seeded();
        temp.Database.Run(db => db.Insert(new QueueRow { Name = "empty", RingTimeoutSeconds = 15 }));
        var store = new ForecastStore(temp.Database);
        var queue = store.Queues().Single(q => q.Name == "empty");
        var (from, to) = ForecastStore.DayRange(new DateOnly(2026, 11, 30), TimeZoneInfo.Utc);

        var made = store.Make(queue, from, to, from);

        Assert.Empty(made);
        Assert.Equal(0, store.HistoryIntervals("empty"));
        Assert.Empty(store.Read("empty", from, to));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public void ANewForecastReplacesTheStoredOneOfTheSameIntervals()
    {
        using var temp = Seeded();
        var store = new ForecastStore(temp.Database);
        var queue = Assert.Single(store.Queues());
        var (from, to) = ForecastStore.DayRange(new DateOnly(2026, 11, 30), TimeZoneInfo.Utc);
        store.Make(queue, from, to, from);
        AddMonday(temp.Database, s_monday.AddDays(28), offered: 80);

        // Computed once the added day has ended: an interval still open is not history.
        store.Make(queue, from, to, to);

        var day = store.Read(null, from, to);
        Assert.Equal(96, day.Count);
        Assert.Equal(48, day.Single(f => f.Interval.StartUtc == from.AddHours(9)).Interval.OfferedCalls);
        Assert.All(day, f => Assert.Equal(to, f.ComputedUtc));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public void TheScheduleForecastsTwoWeeksAtStartAndOneDayFurtherAfterMidnight()
    {
        using var temp = Seeded();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero));
        var store = new ForecastStore(temp.Database);
        var lastDay = ForecastStore.DayRange(new DateOnly(2026, 12, 13), TimeZoneInfo.Utc);
        var nextDay = ForecastStore.DayRange(new DateOnly(2026, 12, 14), TimeZoneInfo.Utc);
        using var schedule = new ForecastSchedule(temp.Database, time, Logger.None);

        schedule.Start();
        var atStart = (store.Read("sales", lastDay.FromUtc, lastDay.ToUtc).Count,
            store.Read("sales", nextDay.FromUtc, nextDay.ToUtc).Count);
        time.Advance(TimeSpan.FromHours(14) + TimeSpan.FromMinutes(1));

        Assert.Equal((96, 0), atStart);
        Assert.Equal(96, store.Read("sales", nextDay.FromUtc, nextDay.ToUtc).Count);
    }

    [Fact]
    public void ADayOfTheBoxTimeZoneRunsFromLocalMidnightAndMayBeShorterThan24Hours()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        var winter = ForecastStore.DayRange(new DateOnly(2026, 12, 5), berlin);
        var spring = ForecastStore.DayRange(new DateOnly(2026, 3, 29), berlin);

        Assert.Equal(new DateTimeOffset(2026, 12, 4, 23, 0, 0, TimeSpan.Zero), winter.FromUtc);
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 23, 0, 0, TimeSpan.Zero), winter.ToUtc);
        Assert.Equal(TimeSpan.FromHours(23), spring.ToUtc - spring.FromUtc);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public void TheBoxTimeZoneComesFromTheWizardsSettingAndIsTheMachinesWithoutOne()
    {
        using var temp = new TempDatabase();
        var store = new ForecastStore(temp.Database);
        var time = new FakeTimeProvider();
        time.SetLocalTimeZone(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        var before = store.Zone(time);

        temp.Database.SetSetting(SettingRow.TimeZoneKey, "Asia/Shanghai");

        Assert.Equal("Europe/Berlin", before.Id);
        Assert.Equal("Asia/Shanghai", store.Zone(time).Id);
    }

    private static TempDatabase Seeded()
    {
        var temp = new TempDatabase();
        temp.Database.Run(db => db.Insert(new QueueRow { Name = "sales", RingTimeoutSeconds = 15, ServiceLevelSeconds = 20 }));
        for (var week = 0; week < 4; week++)
        {
            AddMonday(temp.Database, s_monday.AddDays(7 * week), offered: 40);
        }

        return temp;
    }

    /// <summary>A Monday whose 09:00 interval had <paramref name="offered"/> calls of 180 s, two of
    /// which hung up after waiting 60 s each.</summary>
    private static void AddMonday(ApplianceDatabase database, DateTimeOffset monday, int offered)
    {
        var start = monday.AddHours(9).UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        database.Run(db => db.Insert(new QueueIntervalRow
        {
            Id = "sales@" + start,
            Queue = "sales",
            StartUtc = start,
            Offered = offered,
            Answered = offered - 2,
            Abandoned = 2,
            Completed = offered - 2,
            TotalTalkMs = (offered - 2) * 180_000L,
            TotalAbandonWaitMs = 120_000,
        }));
    }
}
