using Appliance.CallCenter.Queues;
using Appliance.Storage.Rows;
using SQLite;

namespace Appliance.Storage.Tests;

[Trait("Category", "Integration")]
public sealed class QueueRuleColumnsTests
{
    [Fact]
    public void QueueRulesAndAgentSkillsAreReadBackAfterTheDatabaseIsReopened()
    {
        using var temp = new TempDatabase();
        DemoSeed.Apply(temp.Database, TimeSpan.FromSeconds(15));
        Write(temp, db =>
        {
            db.Execute(
                "UPDATE Queue SET RequiredSkill = 'french', RequiredLevel = 4, WidenLevelEverySeconds = 30, "
                + "OverflowAfterSeconds = 60, OverflowWhenWaiting = 8, OverflowTo = 'queue:support', "
                + "MaxWaitSeconds = 600, MaxWaitExit = 'voicemail:2000', RefuseWhen = 'never', "
                + "LeaveWhen = 'none-ready' WHERE Name = 'sales'");
            db.Insert(new AgentSkillRow { AgentId = "1001", Skill = "french", Level = 7 });
        });

        var reopened = temp.Reopen();
        var sales = reopened.Queues().Single(q => q.Name == "sales");
        var agent = reopened.Agents().Single(a => a.AgentId == "1001");

        Assert.Equal(("french", 4), (sales.RequiredSkill, sales.RequiredLevel));
        Assert.Equal(TimeSpan.FromSeconds(30), sales.WidenLevelEvery);
        Assert.Equal(TimeSpan.FromSeconds(60), sales.OverflowAfter);
        Assert.Equal(8, sales.OverflowWhenWaiting);
        Assert.Equal(QueueExit.ToQueue("support"), sales.OverflowTo);
        Assert.Equal(TimeSpan.FromMinutes(10), sales.MaxWait);
        Assert.Equal(new QueueExit(QueueExitKind.Voicemail, "2000"), sales.MaxWaitExit);
        Assert.Equal(
            (EmptyQueueCondition.Never, EmptyQueueCondition.NoneReady), (sales.RefuseWhen, sales.LeaveWhen));
        Assert.Equal(7, agent.LevelOf("french"));
        Assert.Equal(0, reopened.Agents().Single(a => a.AgentId == "1002").LevelOf("french"));
    }

    [Fact]
    public void AnOverflowToAQueueThatDoesNotExistNamesTheColumn()
    {
        using var temp = new TempDatabase();
        DemoSeed.Apply(temp.Database, TimeSpan.FromSeconds(15));
        Write(temp, db => db.Execute(
            "UPDATE Queue SET OverflowAfterSeconds = 60, OverflowTo = 'queue:billing' WHERE Name = 'sales'"));

        var error = Assert.Throws<InvalidDataException>(() => temp.Database.Queues());

        Assert.Contains("Queue", error.Message, StringComparison.Ordinal);
        Assert.Contains("sales", error.Message, StringComparison.Ordinal);
        Assert.Contains("OverflowTo", error.Message, StringComparison.Ordinal);
        Assert.Contains("billing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOverflowRuleWithoutAPlaceOrWithAMalformedExitIsRefused()
    {
        using var temp = new TempDatabase();
        DemoSeed.Apply(temp.Database, TimeSpan.FromSeconds(15));
        Write(temp, db => db.Execute("UPDATE Queue SET OverflowWhenWaiting = 3 WHERE Name = 'sales'"));
        var missing = Assert.Throws<InvalidDataException>(() => temp.Database.Queues());
        Write(temp, db => db.Execute("UPDATE Queue SET OverflowTo = 'queue:' WHERE Name = 'sales'"));

        var malformed = Assert.Throws<InvalidDataException>(() => temp.Database.Queues());

        Assert.Contains("no place to overflow to", missing.Message, StringComparison.Ordinal);
        Assert.Contains("'queue:' is not queue:NAME", malformed.Message, StringComparison.Ordinal);
    }

    private static void Write(TempDatabase temp, Action<SQLiteConnection> write)
    {
        using var db = new SQLiteConnection(temp.FilePath);
        write(db);
    }
}
