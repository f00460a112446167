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
        Assert.Equal(2, agents.Count);
        Assert.Equal(15 * 60_000L, agents.Sum(a => a.IdleMs + a.RingingMs + a.BusyMs) / 2);
    }
}
