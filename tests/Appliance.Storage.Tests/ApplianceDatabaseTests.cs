using Appliance.CallCenter.Records;
using Appliance.Storage.Rows;

namespace Appliance.Storage.Tests;

[Trait("Category", "Integration")]
public sealed class ApplianceDatabaseTests
{
    private static readonly DateTimeOffset s_arrived = new(2025, 1, 6, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void OpenCreatesTheFolderAndRunsInWalModeWithFullSync()
    {
        using var temp = new TempDatabase();

        var journalMode = temp.Database.Run(c => c.ExecuteScalar<string>("PRAGMA journal_mode"));
        var synchronous = temp.Database.Run(c => c.ExecuteScalar<int>("PRAGMA synchronous"));

        Assert.True(File.Exists(temp.FilePath));
        Assert.Equal("wal", journalMode);
        Assert.Equal(2, synchronous);
    }

    [Fact]
    public void ACdrReadBackAfterReopeningTheFileHasEveryFieldEqual()
    {
        using var temp = new TempDatabase();
        var written = AnsweredCall("call-1@example");
        temp.Database.InsertCdr(written);

        var read = temp.Reopen().FindCdr("call-1@example");

        Assert.NotNull(read);
        Assert.Equal(written.CallId, read.CallId);
        Assert.Equal(written.CallerNumber, read.CallerNumber);
        Assert.Equal(written.Did, read.Did);
        Assert.Equal(written.IvrChoice, read.IvrChoice);
        Assert.Equal(written.Queue, read.Queue);
        Assert.Equal(written.Agent, read.Agent);
        Assert.Equal(written.ArrivedUtc, read.ArrivedUtc);
        Assert.Equal(written.QueuedUtc, read.QueuedUtc);
        Assert.Equal(written.AnsweredUtc, read.AnsweredUtc);
        Assert.Equal(written.EndedUtc, read.EndedUtc);
        Assert.Equal(written.WaitSeconds, read.WaitSeconds);
        Assert.Equal(written.TalkSeconds, read.TalkSeconds);
        Assert.Equal(written.Disposition, read.Disposition);
        Assert.Equal(written.RecordingFile, read.RecordingFile);
    }

    [Fact]
    public void CdrTimesAreStoredAsIsoTextInUtcAndTheDispositionInLowerCase()
    {
        using var temp = new TempDatabase();
        var record = AnsweredCall("call-2");
        record.ArrivedUtc = new DateTimeOffset(2025, 1, 6, 11, 0, 0, TimeSpan.FromHours(2));
        temp.Database.InsertCdr(record);

        var row = temp.Database.Run(c => c.Table<CdrRow>().Single());

        Assert.Equal("2025-01-06T09:00:00.0000000Z", row.ArrivedUtc);
        Assert.Equal("2025-01-06T09:01:22.5000000Z", row.EndedUtc);
        Assert.Equal("answered", row.Disposition);
    }

    [Theory]
    [InlineData(CallDisposition.Answered, "answered")]
    [InlineData(CallDisposition.Abandoned, "abandoned")]
    [InlineData(CallDisposition.NoAgent, "no-agent")]
    public void EachDispositionHasItsStoredText(CallDisposition disposition, string text)
    {
        using var temp = new TempDatabase();
        var record = new CallRecord { CallId = "c", ArrivedUtc = s_arrived, Disposition = disposition };
        temp.Database.InsertCdr(record);

        var row = temp.Database.Run(c => c.Table<CdrRow>().Single());

        Assert.Equal(text, row.Disposition);
        Assert.Equal(disposition, temp.Database.FindCdr("c")!.Disposition);
    }

    [Fact]
    public void RecentCdrsAreNewestFirst()
    {
        using var temp = new TempDatabase();
        foreach (var id in new[] { "a", "b", "c" })
        {
            temp.Database.InsertCdr(AnsweredCall(id));
        }

        var recent = temp.Database.RecentCdrs(2);

        Assert.Equal(["c", "b"], recent.Select(r => r.CallId));
    }

    [Fact]
    public void FindCdrOfAnUnknownCallIsNull()
    {
        using var temp = new TempDatabase();

        Assert.Null(temp.Database.FindCdr("nobody"));
    }

    [Fact]
    public void FindExtensionPasswordReturnsTheStoredPassword()
    {
        using var temp = new TempDatabase();
        DemoSeed.Apply(temp.Database, TimeSpan.FromSeconds(15));

        var password = temp.Database.FindExtensionPassword("1003");
        var unknown = temp.Database.FindExtensionPassword("1999");

        Assert.Equal("sparkle-1003", password);
        Assert.Null(unknown);
    }

    [Fact]
    public void AStoredMenuOptionThatIsNotADigitIsNamedInTheError()
    {
        using var temp = new TempDatabase();
        DemoSeed.Apply(temp.Database, TimeSpan.FromSeconds(15));
        temp.Database.Run(c => c.Execute("UPDATE IvrMenu SET Options = '1=sales;x=sales'"));

        var error = Assert.Throws<InvalidDataException>(() => temp.Database.FindMenu("main"));

        Assert.Contains("table IvrMenu, row 'main', field Options", error.Message, StringComparison.Ordinal);
        Assert.Contains("'x=sales'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AStoredMenuOptionForAMissingQueueIsNamedInTheError()
    {
        using var temp = new TempDatabase();
        DemoSeed.Apply(temp.Database, TimeSpan.FromSeconds(15));
        temp.Database.Run(c => c.Execute("UPDATE IvrMenu SET Options = '1=billing'"));

        var error = Assert.Throws<InvalidDataException>(() => temp.Database.FindMenu("main"));

        Assert.Contains("table IvrMenu, row 'main', field Options", error.Message, StringComparison.Ordinal);
        Assert.Contains("'billing'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownStoredQueueStrategyIsNamedInTheError()
    {
        using var temp = new TempDatabase();
        DemoSeed.Apply(temp.Database, TimeSpan.FromSeconds(15));
        const string Sql = "UPDATE Queue SET Strategy = 'loudest-first' WHERE Name = 'support'";
        temp.Database.Run(c => c.Execute(Sql));

        var error = Assert.Throws<InvalidDataException>(() => temp.Database.Queues());

        Assert.Contains(
            "table Queue, row 'support', field Strategy", error.Message, StringComparison.Ordinal);
        Assert.Contains("'loudest-first'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownStoredDidTargetKindIsNamedInTheError()
    {
        using var temp = new TempDatabase();
        DemoSeed.Apply(temp.Database, TimeSpan.FromSeconds(15));
        temp.Database.Run(c => c.Execute("UPDATE Did SET TargetKind = 'voicemail'"));

        var error = Assert.Throws<InvalidDataException>(() => temp.Database.FindDid("100"));

        Assert.Contains("table Did, row '100', field TargetKind", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownStoredDispositionIsNamedInTheError()
    {
        using var temp = new TempDatabase();
        temp.Database.InsertCdr(AnsweredCall("c1"));
        temp.Database.Run(c => c.Execute("UPDATE Cdr SET Disposition = 'lost'"));

        var error = Assert.Throws<InvalidDataException>(() => temp.Database.FindCdr("c1"));

        Assert.Contains("table Cdr, row '1', field Disposition", error.Message, StringComparison.Ordinal);
    }

    private static CallRecord AnsweredCall(string callId)
    {
        var record = new CallRecord
        {
            CallId = callId,
            CallerNumber = "+15551230000",
            Did = "100",
            IvrChoice = "1",
            Queue = "sales",
            Agent = "1002",
            ArrivedUtc = s_arrived,
            QueuedUtc = s_arrived.AddSeconds(9.25),
            AnsweredUtc = s_arrived.AddSeconds(17.125),
            RecordingFile = "recordings/2025-01-06/call-1.wav",
        };
        record.Complete(s_arrived.AddSeconds(82.5));
        return record;
    }
}
