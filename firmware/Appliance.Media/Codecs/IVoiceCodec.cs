namespace Appliance.Media.Codecs;

/// <summary>
/// One direction's coder state for one RTP stream, between RTP payloads and the engine's
/// 8 kHz linear samples (bridge, mixer, recorder and detectors all run at 8 kHz). Wideband
/// codecs bring their own way down and up: G.722 through its QMF sub-band, Opus through its
/// internal resampler.
/// </summary>
/// <remarks>
/// Not thread-safe: each stream's receive loop owns its decoder and the clock thread its
/// encoder. Nothing is allocated per call after construction.
/// </remarks>
public interface IVoiceCodec
{
    /// <summary>The codec this state codes.</summary>
    AudioCodec Codec { get; }

    /// <summary>The RTP timestamp clock (8000 for G.711 and G.722, 48000 for Opus).</summary>
    int ClockRateHz { get; }

    /// <summary>
    /// Decodes one RTP payload into 8 kHz samples; returns how many were written, or -1 for
    /// a payload the codec cannot read (it is dropped, the stream goes on).
    /// </summary>
    int Decode(ReadOnlySpan<byte> payload, Span<short> samples);

    /// <summary>Encodes 8 kHz samples (one packet's worth) into an RTP payload; returns its length.</summary>
    int Encode(ReadOnlySpan<short> samples, Span<byte> payload);

    /// <summary>
    /// Fills a missing frame from the codec's own packet-loss concealment; false when the
    /// codec has none and the caller should conceal by repetition.
    /// </summary>
    bool Conceal(Span<short> frame);
}
