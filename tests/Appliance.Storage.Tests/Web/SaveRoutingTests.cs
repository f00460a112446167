using Appliance.Storage.Rows;
using Appliance.Storage.Web;

namespace Appliance.Storage.Tests.Web;

/// <summary>What the setup wizard and the routing page save lands in the SQLite file row by row.</summary>
[Trait("Category", "Integration")]
public sealed class SaveRoutingTests
{
    [Fact]
    public void EveryNewMemberOfOneSaveGetsItsOwnRow()
    {
        using var temp = new TempDatabase();
        var store = new WebStore(temp.Database);

        store.SaveRouting(
        [
            new QueueRow { Name = "support" },
            new QueueMemberRow { Queue = "support", AgentId = "2001" },
            new QueueMemberRow { Queue = "support", AgentId = "2002" },
            new QueueMemberRow { Queue = "support", AgentId = "2003" },
        ]);
        using var file = new SQLite.SQLiteConnection(temp.FilePath, SQLite.SQLiteOpenFlags.ReadOnly);
        var members = file.Query<QueueMemberRow>("SELECT * FROM QueueMember ORDER BY AgentId");

        Assert.Equal(["2001", "2002", "2003"], members.Select(m => m.AgentId));
        Assert.All(members, m => Assert.Equal("support", m.Queue));
        Assert.Equal(3, members.Select(m => m.Id).Distinct().Count());
        Assert.DoesNotContain(0, members.Select(m => m.Id));
    }

    [Fact]
    public void ASavedRowWithItsIdIsReplacedNotDoubled()
    {
        using var temp = new TempDatabase();
        var store = new WebStore(temp.Database);
        store.SaveRouting([new QueueMemberRow { Queue = "support", AgentId = "2001" }]);
        var saved = store.Members().Single();

        store.SaveRouting([new QueueMemberRow { Id = saved.Id, Queue = "sales", AgentId = "2001" }]);

        var after = Assert.Single(store.Members());
        Assert.Equal(saved.Id, after.Id);
        Assert.Equal("sales", after.Queue);
    }
}
