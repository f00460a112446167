using Appliance.CallCenter.Agents;
using Appliance.CallCenter.Queues;
using Appliance.CallCenter.Routing;
using Appliance.Storage.Rows;
using Microsoft.Extensions.Time.Testing;
using Serilog.Core;

namespace Appliance.Storage.Tests;

public sealed class IntervalFigureStoreTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public void AClosedIntervalIsWrittenToTheDatabaseByTheMinuteTimer()
    {
        using var temp = new TempDatabase();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
        var queue = new QueueDefinition("sales", QueueStrategy.LongestIdle, TimeSpan.FromSeconds(15), null);
        using var acd = new AutomaticCallDistributor(time, Logger.None);
        acd.Configure([queue], [new AgentDefinition("1001", ["sales"])]);
        using var store = IntervalFigureStore.Attach(temp.Database, acd, [queue], time, Logger.None);
        acd.AgentAvailable("1001");
        acd.Enqueue("c1", "sales");
        time.Advance(TimeSpan.FromSeconds(12));
        acd.OfferAnswered("c1", "1001");

        time.Advance(TimeSpan.FromMinutes(31));

        var rows = temp.Database.Run(db => db.Table<QueueIntervalRow>().ToList());
        var agents = temp.Database.Run(db => db.Table<AgentIntervalRow>().Where(r => r.AgentId == "1001").ToList());
        var row = Assert.Single(rows);
        Assert.Equal("2026-12-03T09:00:00.0000000Z", row.StartUtc);
        Assert.Equal((1, 1, 12_000L), (row.Offered, row.Answered, row.TotalAnswerWaitMs));
        var closed = agents.Where(a => string.CompareOrdinal(a.StartUtc, "2026-12-03T09:30") < 0).ToList();
        Assert.Equal(2, closed.Count);
        Assert.Equal(15 * 60_000L, closed.Sum(a => a.IdleMs + a.RingingMs + a.BusyMs) / 2);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public void TheOpenIntervalIsWrittenAsItStandsEveryMinute()
    {
        using var temp = new TempDatabase();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
        using var acd = NewDistributor(time);
        using var store = IntervalFigureStore.Attach(temp.Database, acd, [Sales], time, Logger.None);
        acd.AgentAvailable("1001");
        acd.Enqueue("c1", "sales");

        time.Advance(TimeSpan.FromMinutes(1));

        var row = Assert.Single(temp.Database.Run(db => db.Table<QueueIntervalRow>().ToList()));
        Assert.Equal(("2026-12-03T09:00:00.0000000Z", 1), (row.StartUtc, row.Offered));
        var agent = Assert.Single(temp.Database.Run(db => db.Table<AgentIntervalRow>().ToList()));
        Assert.Equal(60_000L, agent.IdleMs + agent.RingingMs);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public void AfterACleanStopTheNextRunCountsOnFromTheStoredOpenInterval()
    {
        using var temp = new TempDatabase();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
        using (var acd = NewDistributor(time))
        using (var store = IntervalFigureStore.Attach(temp.Database, acd, [Sales], time, Logger.None))
        {
            acd.AgentAvailable("1001");
            acd.Enqueue("c1", "sales");
            time.Advance(TimeSpan.FromSeconds(10));
            acd.OfferAnswered("c1", "1001");
            time.Advance(TimeSpan.FromSeconds(20));
            store.Flush();
        }

        time.Advance(TimeSpan.FromMinutes(2));
        using var restarted = NewDistributor(time);
        using var next = IntervalFigureStore.Attach(temp.Database, restarted, [Sales], time, Logger.None);
        restarted.AgentAvailable("1001");
        restarted.Enqueue("c2", "sales");
        time.Advance(TimeSpan.FromSeconds(4));
        restarted.OfferAnswered("c2", "1001");
        time.Advance(TimeSpan.FromMinutes(31));

        var row = Assert.Single(temp.Database.Run(db => db.Table<QueueIntervalRow>().ToList()));
        Assert.Equal((2, 2, 14_000L), (row.Offered, row.Answered, row.TotalAnswerWaitMs));
        var agent = temp.Database.Run(db =>
            db.Table<AgentIntervalRow>().Single(a => a.StartUtc == "2026-12-03T09:00:00.0000000Z"));
        Assert.Equal(2, agent.CallsAnswered);
    }

    private static readonly QueueDefinition Sales =
        new("sales", QueueStrategy.LongestIdle, TimeSpan.FromSeconds(15), null);

    private static AutomaticCallDistributor NewDistributor(TimeProvider time)
    {
        var acd = new AutomaticCallDistributor(time, Logger.None);
        acd.Configure([Sales], [new AgentDefinition("1001", ["sales"])]);
        return acd;
    }
}
