using Appliance.Storage.Rows;

namespace Appliance.Storage.Tests;

[Trait("Category", "Integration")]
public sealed class CallbackTableTests
{
    private static readonly DateTime s_asked = new(2025, 1, 6, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void PendingCallbacksOutliveAReopenInTheOrderTheyWereAskedForWithoutTheDoneOnes()
    {
        using var temp = new TempDatabase();
        temp.Database.SaveCallback(Row("later", s_asked.AddMinutes(2)));
        temp.Database.SaveCallback(Row("first", s_asked));
        var done = Row("done", s_asked.AddMinutes(1));
        done.Done = true;
        temp.Database.SaveCallback(done);

        var pending = temp.Reopen().PendingCallbacks();

        Assert.Equal(["first", "later"], pending.Select(c => c.Id));
        Assert.Equal(("5551234", "sales", 5), (pending[0].Number, pending[0].Queue, pending[0].Priority));
    }

    [Fact]
    public void ACallbackKeyOfMoreThanOneKeyNamesItsColumn()
    {
        using var temp = new TempDatabase();
        DemoSeed.Apply(temp.Database, TimeSpan.FromSeconds(15));
        temp.Database.Run(db => db.Execute("UPDATE Queue SET CallbackKey = '99' WHERE Name = 'sales'"));

        var error = Assert.Throws<InvalidDataException>(() => temp.Database.Queues());

        Assert.Contains("CallbackKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("sales", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACallbackKeyIsReadAsTheQueuesCallbackDigit()
    {
        using var temp = new TempDatabase();
        DemoSeed.Apply(temp.Database, TimeSpan.FromSeconds(15));
        temp.Database.Run(db => db.Execute("UPDATE Queue SET CallbackKey = '#' WHERE Name = 'sales'"));

        var queues = temp.Database.Queues();

        Assert.Equal('#', queues.Single(q => q.Name == "sales").CallbackDigit);
        Assert.Null(queues.Single(q => q.Name == "support").CallbackDigit);
    }

    private static CallbackRow Row(string id, DateTime askedUtc) => new()
    {
        Id = id,
        Queue = "sales",
        Number = "5551234",
        Priority = 5,
        RequestedUtc = askedUtc,
    };
}
