using Appliance.CallCenter.Records;
using Appliance.Service.Records;
using Appliance.Storage;
using Serilog;

namespace Appliance.Service.Tests.Records;

public sealed class CallRecordSpoolTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sparklecc-spool-").FullName;
    private readonly ILogger _log = new LoggerConfiguration().CreateLogger();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    [Trait("Category", "Integration")]
    public void SpooledRecordsReachTheDatabaseAtTheNextStartAndTheSpoolIsRemoved()
    {
        var spool = new CallRecordSpool(Path.Combine(_folder, "cdr-spool.jsonl"));
        var arrived = new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
        var record = new CallRecord
        {
            CallId = "spooled-1",
            CallerNumber = "5551234",
            Did = "100",
            IvrChoice = "1",
            Queue = "sales",
            Agent = "1001",
            ArrivedUtc = arrived,
            QueuedUtc = arrived.AddSeconds(5),
            AnsweredUtc = arrived.AddSeconds(9),
            RecordingFile = "recordings/2026-12-03/spooled-1.wav",
        };
        record.Complete(arrived.AddSeconds(69));

        spool.Append(record);
        File.AppendAllText(spool.Path, "{\"CallId\":\"cut-by-power-lo\n");
        using var database = ApplianceDatabase.Open(Path.Combine(_folder, "appliance.db"), _log);
        var moved = spool.Replay(database, _log);

        Assert.Equal(1, moved);
        Assert.False(File.Exists(spool.Path));
        var stored = database.FindCdr("spooled-1");
        Assert.NotNull(stored);
        Assert.Equal(CallDisposition.Answered, stored.Disposition);
        Assert.Equal(4, stored.WaitSeconds);
        Assert.Equal(60, stored.TalkSeconds);
        Assert.Equal("sales", stored.Queue);
    }
}
