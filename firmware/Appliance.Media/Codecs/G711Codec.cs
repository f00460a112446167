namespace Appliance.Media.Codecs;

/// <summary>G.711 µ-law or A-law as an <see cref="IVoiceCodec"/>: stateless, one byte per sample.</summary>
public sealed class G711Codec : IVoiceCodec
{
    /// <exception cref="ArgumentException">Not PCMU or PCMA.</exception>
    public G711Codec(AudioCodec codec)
    {
        if (codec is not (AudioCodec.Pcmu or AudioCodec.Pcma))
        {
            throw new ArgumentException($"{codec} is not a G.711 law.", nameof(codec));
        }

        Codec = codec;
    }

    public AudioCodec Codec { get; }

    public int ClockRateHz => 8000;

    public int Decode(ReadOnlySpan<byte> payload, Span<short> samples)
    {
        G711.Decode(Codec, payload, samples);
        return payload.Length;
    }

    public int Encode(ReadOnlySpan<short> samples, Span<byte> payload)
    {
        G711.Encode(Codec, samples, payload);
        return samples.Length;
    }

    public bool Conceal(Span<short> frame) => false;
}
