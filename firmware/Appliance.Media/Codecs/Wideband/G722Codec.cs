namespace Appliance.Media.Codecs.Wideband;

/// <summary>
/// G.722 as an <see cref="IVoiceCodec"/> for the 8 kHz engine: decoding keeps the lower
/// sub-band (0-4 kHz, already low-passed and decimated by the far end's QMF) and encoding fills
/// it with an idle higher band, so the codec is its own 16-to-8 kHz resampler. A relayed G.722
/// stream is not decoded and keeps its full 7 kHz band.
/// </summary>
/// <remarks>Not thread-safe; one instance per stream and direction.</remarks>
public sealed class G722Codec : IVoiceCodec
{
    private readonly G722Encoder _encoder = new();
    private readonly G722Decoder _decoder = new();

    public AudioCodec Codec => AudioCodec.G722;

    /// <summary>8000, not 16000: RFC 3551 §4.5.2 keeps the clock of the original mistake.</summary>
    public int ClockRateHz => 8000;

    public int Decode(ReadOnlySpan<byte> payload, Span<short> samples) =>
        _decoder.DecodeNarrowband(payload, samples);

    public int Encode(ReadOnlySpan<short> samples, Span<byte> payload) =>
        _encoder.EncodeNarrowband(samples, payload);

    public bool Conceal(Span<short> frame) => false;
}
