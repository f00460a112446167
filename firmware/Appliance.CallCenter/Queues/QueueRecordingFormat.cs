namespace Appliance.CallCenter.Queues;

/// <summary>The file format the calls of a queue are recorded in.</summary>
public enum QueueRecordingFormat
{
    /// <summary>Stereo 16-bit PCM WAV.</summary>
    Wav,

    /// <summary>Stereo Ogg Opus, about an eighth of the size.</summary>
    Opus,
}
