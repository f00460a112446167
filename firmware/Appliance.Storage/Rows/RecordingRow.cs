using SQLite;

namespace Appliance.Storage.Rows;

/// <summary>
/// One finished call recording (table <c>Recording</c>), written only after its file has been
/// synced to the disk, so a row never names a half-written file. <see cref="Path"/> is relative
/// to the data folder, as the Cdr's <c>RecordingFile</c>; <see cref="StartedUtc"/> is ISO-8601
/// UTC text (round-trip <c>"O"</c>), which sorts in time order.
/// </summary>
[Table("Recording")]
public sealed class RecordingRow
{
    [PrimaryKey, AutoIncrement]
    public int Id { get; set; }

    [NotNull, Indexed]
    public string CallId { get; set; } = "";

    [NotNull]
    public string Path { get; set; } = "";

    /// <summary><c>wav</c> (stereo PCM) or <c>opus</c> (Ogg Opus).</summary>
    [NotNull]
    public string Format { get; set; } = "";

    [NotNull, Indexed]
    public string StartedUtc { get; set; } = "";

    public double DurationSeconds { get; set; }

    public long SizeBytes { get; set; }

    /// <summary>Lower-case hex SHA-256 of the whole file.</summary>
    [NotNull]
    public string Sha256 { get; set; } = "";

    /// <summary>Seconds recorded as silence while the recording was paused from the CTI.</summary>
    public double PausedSeconds { get; set; }

    /// <summary>20 ms frames lost because the disk did not keep up.</summary>
    public long DroppedFrames { get; set; }
}
