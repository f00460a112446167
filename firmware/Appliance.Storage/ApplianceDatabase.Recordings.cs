using Appliance.Storage.Rows;

namespace Appliance.Storage;

/// <summary>The index of call recordings.</summary>
public sealed partial class ApplianceDatabase
{
    /// <summary>Lists a finished recording; durable when this returns.</summary>
    /// <exception cref="ArgumentException">The call id, path, format or checksum is empty.</exception>
    public void InsertRecording(RecordingRow recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        ArgumentException.ThrowIfNullOrEmpty(recording.CallId, nameof(recording));
        ArgumentException.ThrowIfNullOrEmpty(recording.Path, nameof(recording));
        ArgumentException.ThrowIfNullOrEmpty(recording.Format, nameof(recording));
        ArgumentException.ThrowIfNullOrEmpty(recording.Sha256, nameof(recording));

        Run(db => db.Insert(recording));
    }

    /// <summary>The recordings of one call, in the order they were made.</summary>
    public IReadOnlyList<RecordingRow> RecordingsOf(string callId)
    {
        ArgumentNullException.ThrowIfNull(callId);
        return Run(db => db.Table<RecordingRow>().Where(r => r.CallId == callId).OrderBy(r => r.Id).ToList());
    }

    /// <summary>Every recording, oldest first (by start time, then by id).</summary>
    public IReadOnlyList<RecordingRow> RecordingsOldestFirst()
        => Run(db => db.Table<RecordingRow>().OrderBy(r => r.StartedUtc).ThenBy(r => r.Id).ToList());

    /// <summary>Removes a recording's row; false when there was none.</summary>
    public bool DeleteRecording(int id) => Run(db => db.Delete<RecordingRow>(id) == 1);
}
