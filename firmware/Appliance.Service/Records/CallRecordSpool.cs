using System.Text.Json;
using Appliance.CallCenter.Records;
using Appliance.Storage;
using Serilog;

namespace Appliance.Service.Records;

/// <summary>
/// A JSON-lines file of call records the database could not take, one record a line, each
/// line flushed to disk before <see cref="Append"/> returns. Replayed into the database at
/// start, then removed. Thread-safe.
/// </summary>
internal sealed class CallRecordSpool
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = false,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private readonly Lock _lock = new();

    public CallRecordSpool(string path)
    {
        Path = path;
    }

    public string Path { get; }

    /// <exception cref="IOException">The spool file cannot be written either.</exception>
    public void Append(CallRecord record)
    {
        var line = JsonSerializer.Serialize(record, s_json) + "\n";
        lock (_lock)
        {
            using var file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
            using var writer = new StreamWriter(file);
            writer.Write(line);
            writer.Flush();
            file.Flush(flushToDisk: true);
        }
    }

    /// <summary>Moves every spooled record into the database; returns how many.</summary>
    public int Replay(ApplianceDatabase database, ILogger log)
    {
        lock (_lock)
        {
            if (!File.Exists(Path))
            {
                return 0;
            }

            var count = 0;
            foreach (var line in File.ReadAllLines(Path))
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                try
                {
                    var record = JsonSerializer.Deserialize<CallRecord>(line, s_json);
                    if (record is not null)
                    {
                        database.InsertCdr(record);
                        count++;
                    }
                }
                catch (JsonException ex)
                {
                    // A line cut by a power loss mid-write: keep the rest, report this one.
                    log.Warning(ex, "Skipped an unreadable spooled call record in {SpoolPath}", Path);
                }
            }

            File.Delete(Path);
            log.Information("Moved {Count} spooled call records into the database", count);
            return count;
        }
    }
}
