namespace Appliance.Media.Audio;

/// <summary>The sample encodings the WAV reader understands, valued as their RIFF format tags.</summary>
public enum WavEncoding
{
    /// <summary>Linear PCM (WAVE_FORMAT_PCM); the reader accepts 16-bit only.</summary>
    Pcm = 1,

    /// <summary>G.711 A-law (WAVE_FORMAT_ALAW), 8 bits per sample.</summary>
    ALaw = 6,

    /// <summary>G.711 µ-law (WAVE_FORMAT_MULAW), 8 bits per sample.</summary>
    MuLaw = 7,
}
