using Appliance.CallCenter.Records;
using Serilog.Core;
using SQLite;

namespace Appliance.Storage.Tests;

/// <summary>
/// The Cdr columns for the SIP trunk and the agent's phone: an older database whose Cdr table
/// lacks them gets them when the box opens it, its rows kept with the new columns empty.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CdrTrunkColumnTests
{
    private static readonly DateTimeOffset s_arrived = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ACallRecordKeepsItsTrunkAndAgentPhoneAcrossAReopen()
    {
        using var temp = new TempDatabase();
        var record = Record("call-trunk@example");
        record.Trunk = "carrier-b";
        record.AgentPhone = "Yealink SIP-T46U 108.86.0.20";
        temp.Database.InsertCdr(record);

        var read = temp.Reopen().FindCdr("call-trunk@example");

        Assert.NotNull(read);
        Assert.Equal(("carrier-b", "Yealink SIP-T46U 108.86.0.20"), (read.Trunk, read.AgentPhone));
    }

    [Fact]
    public void AnOlderCdrTableGainsTheColumnsAndKeepsItsRowsWithThemEmpty()
    {
        var root = Path.Combine(Path.GetTempPath(), "sparklecc-cdr-migration-" + Guid.NewGuid().ToString("N"));
        var path = Path.Combine(root, "appliance.db");
        Directory.CreateDirectory(root);
        try
        {
            using (var old = new SQLiteConnection(path))
            {
                old.Execute("CREATE TABLE Cdr (Id INTEGER PRIMARY KEY AUTOINCREMENT, CallId TEXT NOT NULL, "
                    + "ArrivedUtc TEXT NOT NULL, WaitSeconds INTEGER, TalkSeconds INTEGER, Disposition TEXT NOT NULL, "
                    + "TrunkPort TEXT)");
                old.Execute("INSERT INTO Cdr (CallId, ArrivedUtc, WaitSeconds, TalkSeconds, Disposition) "
                    + "VALUES ('old-call', '2026-11-30T08:00:00.0000000Z', 3, 40, 'answered')");
            }

            using var database = ApplianceDatabase.Open(path, Logger.None);
            var oldRow = database.FindCdr("old-call");
            var fresh = Record("new-call");
            fresh.Trunk = "loopback";
            database.InsertCdr(fresh);
            var newRow = database.FindCdr("new-call");

            Assert.NotNull(oldRow);
            Assert.Equal((40, CallDisposition.Answered), (oldRow.TalkSeconds, oldRow.Disposition));
            Assert.Null(oldRow.Trunk);
            Assert.Null(oldRow.AgentPhone);
            Assert.Equal("loopback", newRow?.Trunk);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static CallRecord Record(string callId)
    {
        var record = new CallRecord
        {
            CallId = callId,
            Did = "100",
            ArrivedUtc = s_arrived,
            AnsweredUtc = s_arrived.AddSeconds(5),
            Agent = "1001",
        };
        record.Complete(s_arrived.AddSeconds(65));
        return record;
    }
}
