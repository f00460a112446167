namespace Appliance.Media.Recording;

/// <summary>The file a call is recorded into; both keep the caller left and the agent right.</summary>
public enum RecordingFormat
{
    /// <summary>8 kHz 16-bit stereo PCM WAV, about 115 MB an hour.</summary>
    Wav,

    /// <summary>
    /// Ogg Opus (RFC 7845), stereo, encoded with Concentus at 8 kHz input and 32 kbit/s,
    /// about 15 MB an hour.
    /// </summary>
    OggOpus,
}
