using System.Globalization;
using Appliance.Storage.Rows;
using Serilog;

namespace Appliance.Storage.Recordings;

/// <summary>
/// Applies a <see cref="RecordingRetentionPolicy"/> to the recording index: recordings older
/// than the maximum age go, then the oldest of the rest until the total fits the disk cap. Each
/// run logs one Information event with the count and the bytes freed.
/// </summary>
/// <remarks>
/// For each recording the row is deleted before the file, so a power cut between the two leaves
/// a file nobody lists rather than a row naming a missing file. Thread-safe: runs are
/// serialised; <see cref="Start"/> runs the policy on a timer of the given
/// <see cref="TimeProvider"/>, the first run one interval after the start.
/// </remarks>
public sealed class RecordingRetention : IDisposable
{
    private readonly ApplianceDatabase _database;
    private readonly string _dataDirectory;
    private readonly RecordingRetentionPolicy _policy;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly Lock _runLock = new();
    private ITimer? _timer;

    /// <summary>Prepares the policy for <paramref name="dataDirectory"/>, the folder the rows'
    /// paths are relative to; nothing runs before <see cref="RunOnce"/> or <see cref="Start"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The policy is invalid.</exception>
    public RecordingRetention(
        ApplianceDatabase database,
        string dataDirectory,
        RecordingRetentionPolicy policy,
        TimeProvider time,
        ILogger log)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(log);
        policy.Validate();

        _database = database;
        _dataDirectory = Path.GetFullPath(dataDirectory);
        _policy = policy;
        _time = time;
        _log = log.ForContext<RecordingRetention>();
    }

    /// <summary>Runs the policy every <see cref="RecordingRetentionPolicy.Interval"/> until disposed.</summary>
    /// <exception cref="InvalidOperationException">It was already started.</exception>
    public void Start()
    {
        if (_timer is not null)
        {
            throw new InvalidOperationException("The retention timer is already running.");
        }

        _timer = _time.CreateTimer(
            static state => ((RecordingRetention)state!).RunOnTimer(),
            this,
            _policy.Interval,
            _policy.Interval);
    }

    /// <summary>Applies the policy once, now.</summary>
    /// <exception cref="SQLite.SQLiteException">The database refused.</exception>
    public RecordingRetentionResult RunOnce()
    {
        lock (_runLock)
        {
            var rows = _database.RecordingsOldestFirst();
            var doomed = Choose(rows, _time.GetUtcNow());

            long freed = 0;
            var deleted = 0;
            foreach (var row in doomed)
            {
                if (!_database.DeleteRecording(row.Id))
                {
                    continue;
                }

                DeleteFile(row);
                deleted++;
                freed += row.SizeBytes;
            }

            var result = new RecordingRetentionResult(deleted, freed, rows.Count - deleted);
            _log.Information(
                "Recording retention deleted {Deleted} recordings and freed {BytesFreed} bytes; {Kept} kept",
                result.Deleted,
                result.BytesFreed,
                result.Kept);
            return result;
        }
    }

    public void Dispose() => _timer?.Dispose();

    private List<RecordingRow> Choose(IReadOnlyList<RecordingRow> oldestFirst, DateTimeOffset now)
    {
        var doomed = new List<RecordingRow>();
        var total = oldestFirst.Sum(r => r.SizeBytes);
        foreach (var row in oldestFirst)
        {
            var expired = _policy.MaxAge is { } age && StartOf(row) < now - age;
            var overCap = _policy.MaxBytes is { } cap && total > cap;
            if (!expired && !overCap)
            {
                // Oldest first: once one row is kept, every newer one is young enough and fits.
                break;
            }

            doomed.Add(row);
            total -= row.SizeBytes;
        }

        return doomed;
    }

    private DateTimeOffset StartOf(RecordingRow row)
    {
        if (DateTimeOffset.TryParse(
            row.StartedUtc, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var started))
        {
            return started;
        }

        // A row edited by hand into nonsense is kept rather than guessed about.
        _log.Warning("Recording {RecordingId} has an unreadable start time {StartedUtc}", row.Id, row.StartedUtc);
        return DateTimeOffset.MaxValue;
    }

    private void DeleteFile(RecordingRow row)
    {
        var path = Path.GetFullPath(Path.Combine(_dataDirectory, row.Path));
        if (!path.StartsWith(_dataDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            // Only files under the data folder are ours to delete.
            _log.Warning("Recording {RecordingId} names {Path} outside the data folder; file kept", row.Id, row.Path);
            return;
        }

        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _log.Warning(ex, "Recording {RecordingId}: file {Path} could not be deleted", row.Id, path);
        }
    }

    private void RunOnTimer()
    {
        try
        {
            RunOnce();
        }
        catch (Exception ex)
        {
            // The next run tries again; a timer callback must not throw.
            _log.Error(ex, "Recording retention failed");
        }
    }
}
