using System.Globalization;
using Appliance.Media.Recording;
using Appliance.Storage;
using Appliance.Storage.Rows;

namespace Appliance.Service.Records;

/// <summary>
/// Lists finished recordings in the database's <c>Recording</c> table; the insert is durable on
/// return (synchronous=FULL). A refusal throws back to the recorder, which logs it.
/// </summary>
internal sealed class DatabaseRecordingIndex : IRecordingIndex
{
    private readonly ApplianceDatabase _database;

    public DatabaseRecordingIndex(ApplianceDatabase database)
    {
        _database = database;
    }

    public void Add(RecordingSummary recording)
    {
        _database.InsertRecording(new RecordingRow
        {
            CallId = recording.CallId,
            Path = recording.Path,
            Format = recording.Format,
            StartedUtc = recording.StartedUtc.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            DurationSeconds = recording.Duration.TotalSeconds,
            SizeBytes = recording.SizeBytes,
            Sha256 = recording.Sha256,
            PausedSeconds = recording.Paused.TotalSeconds,
            DroppedFrames = recording.DroppedFrames,
        });
    }
}
