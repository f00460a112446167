using Serilog;

namespace Appliance.Media.Recording;

/// <summary>
/// How a recorder indexes, logs and buffers one call's recording. The defaults record to the
/// file only, with nothing indexed or logged.
/// </summary>
public sealed class RecordingOptions
{
    /// <summary>The call the recording belongs to, for the index and the log.</summary>
    public string CallId { get; init; } = "";

    /// <summary>The path written into the index; null uses the recorder's path.</summary>
    public string? IndexedPath { get; init; }

    /// <summary>Where the finished recording is listed, or null for nowhere.</summary>
    public IRecordingIndex? Index { get; init; }

    public ILogger? Log { get; init; }

    /// <summary>Gives the start time written into the index.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The file format; WAV by default. The path's extension is the caller's choice.</summary>
    public RecordingFormat Format { get; init; } = RecordingFormat.Wav;

    /// <summary>
    /// How many 20 ms frames may wait for a slow disk before frames are dropped: 250 (five
    /// seconds, 160 KB of stereo audio per call) by default.
    /// </summary>
    public int QueueFrames { get; init; } = 250;
}
