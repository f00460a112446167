using SQLite;

namespace Appliance.Storage.Rows;

/// <summary>
/// How the calls of one queue are recorded (table <c>RecordingPolicy</c>). A queue without a row
/// records every answered call as WAV, as the box always did.
/// </summary>
[Table("RecordingPolicy")]
public sealed class RecordingPolicyRow
{
    /// <summary>Every answered call is recorded from the answer on.</summary>
    public const string All = "all";

    /// <summary>No call is recorded.</summary>
    public const string None = "none";

    /// <summary>A call is recorded only when the agent asks; it starts unrecorded.</summary>
    public const string OnDemand = "on-demand";

    /// <summary>Stereo 16-bit WAV, about 115 MB an hour.</summary>
    public const string Wav = "wav";

    /// <summary>Stereo Opus in Ogg (RFC 7845), about a tenth of WAV's size.</summary>
    public const string Opus = "opus";

    [PrimaryKey]
    public string Queue { get; set; } = "";

    [NotNull]
    public string Mode { get; set; } = All;

    [NotNull]
    public string Format { get; set; } = Wav;

    /// <summary>Days a recording of the queue is kept; 0 keeps it as long as the box's own retention does.</summary>
    public int RetentionDays { get; set; }

    /// <summary>True when a call answered from the queue is recorded from the answer on.</summary>
    public bool RecordsAtAnswer => Mode == All;
}
