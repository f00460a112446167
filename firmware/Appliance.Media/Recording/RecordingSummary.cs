namespace Appliance.Media.Recording;

/// <summary>
/// What a finished recording is, handed to an <see cref="IRecordingIndex"/> once its file is on
/// the disk for good. <see cref="Path"/> is as the recorder was given it (the service gives
/// paths relative to its data folder through <see cref="RecordingOptions.IndexedPath"/>).
/// </summary>
/// <param name="CallId">The call recorded.</param>
/// <param name="Path">Where the file is.</param>
/// <param name="Format"><c>wav</c> or <c>opus</c> (Ogg Opus).</param>
/// <param name="StartedUtc">When the recording started.</param>
/// <param name="Duration">The audio in the file, silence of a pause included.</param>
/// <param name="SizeBytes">The file's size.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the whole file as it lies on the disk.</param>
/// <param name="Paused">Time recorded as silence because the recording was paused.</param>
/// <param name="DroppedFrames">Frames lost because the disk could not keep up.</param>
public sealed record RecordingSummary(
    string CallId,
    string Path,
    string Format,
    DateTimeOffset StartedUtc,
    TimeSpan Duration,
    long SizeBytes,
    string Sha256,
    TimeSpan Paused,
    long DroppedFrames);
