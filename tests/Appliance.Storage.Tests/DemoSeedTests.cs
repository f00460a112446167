using Appliance.CallCenter.Queues;
using Appliance.Storage.Rows;

namespace Appliance.Storage.Tests;

[Trait("Category", "Integration")]
public sealed class DemoSeedTests
{
    private static readonly TimeSpan s_ringTimeout = TimeSpan.FromSeconds(15);

    [Fact]
    public void SeedCreatesTheDemoRows()
    {
        using var temp = new TempDatabase();
        var db = temp.Database;

        DemoSeed.Apply(db, s_ringTimeout);

        Assert.True(db.IsSeeded);
        var trunk = Assert.Single(db.Trunks());
        Assert.Equal(("loopback", "127.0.0.1", false), (trunk.Name, trunk.AllowedAddress, trunk.RequireAuth));
        var did = db.FindDid("100");
        Assert.NotNull(did);
        Assert.Equal(("flow", "main"), (did.TargetKind, did.TargetName));
        Assert.Equal(DemoSeed.MainFlow, Assert.Single(db.Flows()).Json);
        Assert.Equal(
            [
                new QueueDefinition("sales", QueueStrategy.LongestIdle, s_ringTimeout, "hold"),
                new QueueDefinition("support", QueueStrategy.LongestIdle, s_ringTimeout, "hold"),
            ],
            db.Queues());
        Assert.Equal(["1001", "1002", "1003", "1004", "1005"], db.Extensions().Select(e => e.Number));
        Assert.All(db.Extensions(), e => Assert.Equal("sparkle-" + e.Number, e.Password));
        Assert.Equal(["1001", "1002", "1003", "1004", "1005"], db.Agents().Select(a => a.AgentId));
        Assert.All(db.Agents(), a => Assert.Equal(["sales", "support"], a.Queues));
    }

    [Fact]
    public void SeedCreatesTheDemoMenu()
    {
        using var temp = new TempDatabase();
        DemoSeed.Apply(temp.Database, s_ringTimeout);

        var menu = temp.Database.FindMenu("main");

        Assert.NotNull(menu);
        Assert.Equal("welcome", menu.Greeting);
        Assert.Equal(["menu"], menu.Prompts);
        Assert.Equal(
            new Dictionary<char, string> { ['1'] = "sales", ['2'] = "support" },
            menu.Options.OrderBy(o => o.Key).ToDictionary());
        Assert.Equal(TimeSpan.FromSeconds(5), menu.DigitTimeout);
        Assert.Equal(2, menu.MaxRepeats);
        Assert.Equal("support", menu.DefaultQueue);
        Assert.Equal("invalid", menu.InvalidPrompt);
    }

    [Fact]
    public void SeedingAgainAfterAReopenChangesNothing()
    {
        using var temp = new TempDatabase();
        DemoSeed.Apply(temp.Database, s_ringTimeout);
        var db = temp.Reopen();

        DemoSeed.Apply(db, TimeSpan.FromSeconds(30));

        Assert.Equal(5, db.Extensions().Count);
        Assert.Equal(10, db.Run(c => c.Table<QueueMemberRow>().Count()));
        Assert.All(db.Queues(), q => Assert.Equal(s_ringTimeout, q.RingTimeout));
    }

    [Fact]
    public void ANewDatabaseIsNotSeeded()
    {
        using var temp = new TempDatabase();

        Assert.False(temp.Database.IsSeeded);
        Assert.Empty(temp.Database.Queues());
    }

    [Fact]
    public void ARingTimeoutThatIsNotWholeSecondsIsRefused()
    {
        using var temp = new TempDatabase();

        Assert.Throws<ArgumentOutOfRangeException>(
            () => DemoSeed.Apply(temp.Database, TimeSpan.FromMilliseconds(1500)));
        Assert.False(temp.Database.IsSeeded);
    }
}
