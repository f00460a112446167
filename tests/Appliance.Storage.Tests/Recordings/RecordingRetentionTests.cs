using System.Globalization;
using Appliance.Storage.Recordings;
using Appliance.Storage.Rows;
using Microsoft.Extensions.Time.Testing;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Appliance.Storage.Tests.Recordings;

[Trait("Category", "Integration")]
public sealed class RecordingRetentionTests : IDisposable
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 3, 23, 0, 0, TimeSpan.Zero);

    private readonly TempDatabase _db = new();
    private readonly FakeTimeProvider _time = new(s_now);
    private readonly EventList _events = new();

    private string DataDirectory => Path.GetDirectoryName(_db.FilePath)!;

    public void Dispose() => _db.Dispose();

    [Fact]
    public void RecordingsOlderThanTheRetentionLoseTheirFileAndRow()
    {
        var old = AddRecording("old", s_now.AddDays(-31), bytes: 1000);
        var young = AddRecording("young", s_now.AddDays(-29), bytes: 1000);
        using var retention = Retention(new RecordingRetentionPolicy { MaxAge = TimeSpan.FromDays(30) });

        var result = retention.RunOnce();

        Assert.Equal(new RecordingRetentionResult(Deleted: 1, BytesFreed: 1000, Kept: 1), result);
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(young));
        Assert.Empty(_db.Database.RecordingsOf("old"));
        Assert.Single(_db.Database.RecordingsOf("young"));
    }

    [Fact]
    public void OverTheDiskCapTheOldestGoFirstUntilTheRestFits()
    {
        var first = AddRecording("first", s_now.AddHours(-3), bytes: 400);
        var second = AddRecording("second", s_now.AddHours(-2), bytes: 400);
        var third = AddRecording("third", s_now.AddHours(-1), bytes: 400);
        using var retention = Retention(new RecordingRetentionPolicy { MaxBytes = 900 });

        var result = retention.RunOnce();

        Assert.Equal(new RecordingRetentionResult(Deleted: 1, BytesFreed: 400, Kept: 2), result);
        Assert.False(File.Exists(first));
        Assert.True(File.Exists(second));
        Assert.True(File.Exists(third));
    }

    [Fact]
    public void EachRunLogsTheCountAndTheBytesFreed()
    {
        AddRecording("a", s_now.AddDays(-10), bytes: 300);
        AddRecording("b", s_now.AddDays(-9), bytes: 200);
        using var retention = Retention(new RecordingRetentionPolicy { MaxAge = TimeSpan.FromDays(7) });

        retention.RunOnce();
        retention.RunOnce();

        var runs = _events.Where(e => e.Properties.ContainsKey("BytesFreed")).ToList();
        Assert.Equal(2, runs.Count);
        Assert.Equal("2", runs[0].Properties["Deleted"].ToString());
        Assert.Equal("500", runs[0].Properties["BytesFreed"].ToString());
        Assert.Equal("0", runs[1].Properties["Deleted"].ToString());
        Assert.All(runs, e => Assert.Equal(LogEventLevel.Information, e.Level));
    }

    [Fact]
    public void TheTimerAppliesThePolicyOnceEveryInterval()
    {
        var path = AddRecording("ageing", s_now.AddDays(-1).AddMinutes(30), bytes: 10);
        using var retention = Retention(new RecordingRetentionPolicy
        {
            MaxAge = TimeSpan.FromDays(1),
            Interval = TimeSpan.FromHours(1),
        });
        retention.Start();

        _time.Advance(TimeSpan.FromMinutes(20));
        var beforeTheFirstRun = File.Exists(path);
        _time.Advance(TimeSpan.FromMinutes(40));

        Assert.True(beforeTheFirstRun);
        Assert.False(File.Exists(path));
        Assert.Empty(_db.Database.RecordingsOf("ageing"));
    }

    [Fact]
    public void AFileAlreadyGoneStillHasItsRowRemoved()
    {
        var path = AddRecording("vanished", s_now.AddDays(-40), bytes: 50);
        File.Delete(path);
        using var retention = Retention(new RecordingRetentionPolicy { MaxAge = TimeSpan.FromDays(30) });

        var result = retention.RunOnce();

        Assert.Equal(1, result.Deleted);
        Assert.Empty(_db.Database.RecordingsOf("vanished"));
    }

    [Fact]
    public void ARowNamingAFileOutsideTheDataFolderLeavesThatFileAlone()
    {
        var outside = Path.Combine(Path.GetTempPath(), "sparklecc-keep-" + Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(outside, [1, 2, 3]);
        _db.Database.InsertRecording(Row("escape", Path.Combine("..", "..", Path.GetFileName(outside)), s_now.AddDays(-99), 3));
        using var retention = Retention(new RecordingRetentionPolicy { MaxAge = TimeSpan.FromDays(1) });

        retention.RunOnce();

        Assert.True(File.Exists(outside));
        File.Delete(outside);
    }

    [Theory]
    [InlineData(0, null, 60)]
    [InlineData(null, 0L, 60)]
    [InlineData(null, -5L, 60)]
    [InlineData(30, null, 10)]
    public void APolicyWithALimitThatIsNotPositiveIsRefused(int? days, long? bytes, int intervalSeconds)
    {
        var policy = new RecordingRetentionPolicy
        {
            MaxAge = days is null ? null : TimeSpan.FromDays(days.Value),
            MaxBytes = bytes,
            Interval = TimeSpan.FromSeconds(intervalSeconds),
        };

        Assert.Throws<ArgumentOutOfRangeException>(() => Retention(policy));
    }

    private RecordingRetention Retention(RecordingRetentionPolicy policy)
    {
        var log = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(_events).CreateLogger();
        return new RecordingRetention(_db.Database, DataDirectory, policy, _time, log);
    }

    private string AddRecording(string callId, DateTimeOffset started, int bytes)
    {
        var relative = Path.Combine("recordings", started.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), callId + ".wav");
        var path = Path.Combine(DataDirectory, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, new byte[bytes]);
        _db.Database.InsertRecording(Row(callId, relative, started, bytes));
        return path;
    }

    private static RecordingRow Row(string callId, string path, DateTimeOffset started, long bytes) => new()
    {
        CallId = callId,
        Path = path,
        Format = "wav",
        StartedUtc = started.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        DurationSeconds = bytes / 32000.0,
        SizeBytes = bytes,
        Sha256 = new string('0', 64),
    };

    private sealed class EventList : List<LogEvent>, ILogEventSink
    {
        public void Emit(LogEvent logEvent)
        {
            lock (this)
            {
                Add(logEvent);
            }
        }
    }
}
