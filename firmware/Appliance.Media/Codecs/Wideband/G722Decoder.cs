namespace Appliance.Media.Codecs.Wideband;

/// <summary>
/// ITU-T G.722 decoder at 64 kbit/s (mode 1): each byte gives one sample of each ADPCM
/// sub-band, and the receive QMF turns the pair back into two 16 kHz samples.
/// </summary>
/// <remarks>
/// Stateful and not thread-safe: one decoder per stream. Every byte is a valid code, so no
/// input is malformed. Nothing is allocated after construction.
/// </remarks>
public sealed class G722Decoder
{
    private readonly G722Band _low = new(high: false);
    private readonly G722Band _high = new(high: true);
    private readonly int[] _history = new int[24];

    /// <summary>Starts again from the reset state of the Recommendation (a new stream).</summary>
    public void Reset()
    {
        _low.Reset();
        _high.Reset();
        Array.Clear(_history);
    }

    /// <summary>Decodes to 16 kHz, two samples per byte.</summary>
    /// <returns>The number of samples written.</returns>
    /// <exception cref="ArgumentException"><paramref name="samples"/> is too short.</exception>
    public int Decode(ReadOnlySpan<byte> codes, Span<short> samples)
    {
        if (samples.Length < 2 * codes.Length)
        {
            throw new ArgumentException($"{2 * codes.Length} samples are needed.", nameof(samples));
        }

        for (var i = 0; i < codes.Length; i++)
        {
            DecodeBands(codes[i], out var rLow, out var rHigh);
            Synthesise(rLow, rHigh, out samples[2 * i], out samples[(2 * i) + 1]);
        }

        return 2 * codes.Length;
    }

    /// <summary>
    /// Decodes to 8 kHz, one sample per byte, from the lower sub-band alone: the transmit QMF
    /// already low-passed and decimated it, so this is the narrowband signal without a resampler.
    /// The higher band is still decoded so the stream's state stays right.
    /// </summary>
    /// <returns>The number of samples written.</returns>
    /// <exception cref="ArgumentException"><paramref name="samples"/> is too short.</exception>
    public int DecodeNarrowband(ReadOnlySpan<byte> codes, Span<short> samples)
    {
        if (samples.Length < codes.Length)
        {
            throw new ArgumentException($"{codes.Length} samples are needed.", nameof(samples));
        }

        for (var i = 0; i < codes.Length; i++)
        {
            DecodeBands(codes[i], out var rLow, out _);
            samples[i] = (short)Math.Clamp(rLow << 1, short.MinValue, short.MaxValue);
        }

        return codes.Length;
    }

    /// <summary>Blocks 2L, 3L and 4L, shared with the encoder: the update from a 6-bit code.</summary>
    internal static void UpdateLow(G722Band band, int code)
    {
        var truncated = code >> 2;
        var difference = (band.Scale * G722Tables.LowInverse4[truncated]) >> 15;
        band.AdaptScale(G722Tables.LowWeight[G722Tables.LowMagnitude[truncated]]);
        band.Predict(difference);
    }

    /// <summary>Blocks 2H, 3H and 4H, shared with the encoder: the update from a 2-bit code.</summary>
    internal static void UpdateHigh(G722Band band, int code)
    {
        var difference = (band.Scale * G722Tables.HighInverse[code]) >> 15;
        band.AdaptScale(G722Tables.HighWeight[code]);
        band.Predict(difference);
    }

    // Block 5L: the output uses all six bits, the predictor only the top four (embedded coding).
    private void DecodeBands(byte code, out int rLow, out int rHigh)
    {
        var lowCode = code & 0x3F;
        var highCode = code >> 6;

        var low = _low.Estimate + ((_low.Scale * G722Tables.LowInverse6[lowCode]) >> 15);
        rLow = Math.Clamp(low, -16384, 16383);
        UpdateLow(_low, lowCode);

        var high = _high.Estimate + ((_high.Scale * G722Tables.HighInverse[highCode]) >> 15);
        rHigh = Math.Clamp(high, -16384, 16383);
        UpdateHigh(_high, highCode);
    }

    // G.722 §4.4 receive QMF: sum and difference of the bands through the odd and even taps.
    private void Synthesise(int rLow, int rHigh, out short first, out short second)
    {
        Array.Copy(_history, 2, _history, 0, 22);
        _history[22] = rLow + rHigh;
        _history[23] = rLow - rHigh;

        var qmf = G722Tables.Qmf;
        var even = 0;
        var odd = 0;
        for (var i = 0; i < 12; i++)
        {
            even += _history[2 * i] * qmf[2 * i];
            odd += _history[(2 * i) + 1] * qmf[(2 * i) + 1];
        }

        first = (short)Math.Clamp(odd >> 11, short.MinValue, short.MaxValue);
        second = (short)Math.Clamp(even >> 11, short.MinValue, short.MaxValue);
    }
}
