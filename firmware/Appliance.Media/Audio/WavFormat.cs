namespace Appliance.Media.Audio;

/// <summary>
/// The format chunk of a WAV file as the reader found it. <see cref="FormatTag"/> is the raw
/// RIFF tag (the sub-format for WAVE_FORMAT_EXTENSIBLE files), so a format the engine does not
/// play can still be named in an error.
/// </summary>
public readonly record struct WavFormat(int FormatTag, int Channels, int SampleRateHz, int BitsPerSample)
{
    /// <summary>The telephone format: 8 kHz, 16-bit linear PCM, mono.</summary>
    public static WavFormat Telephone { get; } = new((int)WavEncoding.Pcm, 1, 8000, 16);

    /// <summary>The recording format: 8 kHz, 16-bit linear PCM, stereo.</summary>
    public static WavFormat TelephoneStereo { get; } = new((int)WavEncoding.Pcm, 2, 8000, 16);

    public int BlockAlign => Channels * BitsPerSample / 8;

    public override string ToString() =>
        $"format tag {FormatTag}, {Channels} channel(s), {SampleRateHz} Hz, {BitsPerSample} bits";
}
