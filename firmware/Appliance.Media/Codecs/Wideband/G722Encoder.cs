namespace Appliance.Media.Codecs.Wideband;

/// <summary>
/// ITU-T G.722 encoder at 64 kbit/s (mode 1): a 24-tap QMF splits 16 kHz audio into a lower
/// and a higher 8 kHz sub-band, coded by ADPCM with 6 and 2 bits; each pair of input samples
/// becomes one byte, higher-band code in the two top bits.
/// </summary>
/// <remarks>
/// Stateful and not thread-safe: one encoder per stream, used by one thread at a time. Nothing
/// is allocated after construction.
/// </remarks>
public sealed class G722Encoder
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

    /// <summary>Encodes 16 kHz samples, two per byte; an odd last sample is ignored.</summary>
    /// <returns>The number of bytes written: half the samples.</returns>
    /// <exception cref="ArgumentException"><paramref name="codes"/> is too short.</exception>
    public int Encode(ReadOnlySpan<short> samples, Span<byte> codes)
    {
        var count = samples.Length / 2;
        if (codes.Length < count)
        {
            throw new ArgumentException($"{count} bytes are needed for {samples.Length} samples.", nameof(codes));
        }

        for (var i = 0; i < count; i++)
        {
            Analyse(samples[2 * i], samples[(2 * i) + 1], out var xLow, out var xHigh);
            codes[i] = EncodeBands(xLow, xHigh);
        }

        return count;
    }

    /// <summary>
    /// Encodes 8 kHz samples, one per byte, straight into the lower sub-band with an idle higher
    /// band: the far end's QMF interpolates them to 16 kHz, so no resampler is needed.
    /// </summary>
    /// <returns>The number of bytes written: one per sample.</returns>
    /// <exception cref="ArgumentException"><paramref name="codes"/> is too short.</exception>
    public int EncodeNarrowband(ReadOnlySpan<short> samples, Span<byte> codes)
    {
        if (codes.Length < samples.Length)
        {
            throw new ArgumentException($"{samples.Length} bytes are needed.", nameof(codes));
        }

        for (var i = 0; i < samples.Length; i++)
        {
            // The QMF halves the level of each band; halve here to match its scale.
            codes[i] = EncodeBands(samples[i] >> 1, 0);
        }

        return samples.Length;
    }

    // G.722 §3.2 transmit QMF: the odd and even taps make a sum and a difference, one sample
    // of each sub-band per two input samples.
    private void Analyse(short first, short second, out int xLow, out int xHigh)
    {
        Array.Copy(_history, 2, _history, 0, 22);
        _history[22] = first;
        _history[23] = second;

        var qmf = G722Tables.Qmf;
        var even = 0;
        var odd = 0;
        for (var i = 0; i < 12; i++)
        {
            even += _history[2 * i] * qmf[2 * i];
            odd += _history[(2 * i) + 1] * qmf[(2 * i) + 1];
        }

        xLow = (odd + even) >> 14;
        xHigh = (odd - even) >> 14;
    }

    private byte EncodeBands(int xLow, int xHigh)
    {
        var lowCode = EncodeLow(xLow);
        var highCode = EncodeHigh(xHigh);
        return (byte)((highCode << 6) | lowCode);
    }

    // Blocks 1L to 4L: subtract the estimate, quantise with 60 levels scaled by DETL, and update
    // the band from the 4-bit truncated code so a 48 or 56 kbit/s decoder stays in step.
    private int EncodeLow(int xLow)
    {
        var error = G722Band.Saturate(xLow - _low.Estimate);
        var magnitude = error >= 0 ? error : -(error + 1);
        var decision = G722Tables.LowDecision;
        var interval = 1;
        while (interval < 30 && magnitude >= (decision[interval] * _low.Scale) >> 12)
        {
            interval++;
        }

        var code = error < 0 ? G722Tables.LowNegativeCode[interval] : G722Tables.LowPositiveCode[interval];
        G722Decoder.UpdateLow(_low, code);
        return code;
    }

    // Blocks 1H to 4H: a 4-level quantiser with one decision level, 564 × DETH / 4096.
    private int EncodeHigh(int xHigh)
    {
        var error = G722Band.Saturate(xHigh - _high.Estimate);
        var magnitude = error >= 0 ? error : -(error + 1);
        var large = magnitude >= (564 * _high.Scale) >> 12;
        var code = error < 0 ? (large ? 0 : 1) : (large ? 2 : 3);
        G722Decoder.UpdateHigh(_high, code);
        return code;
    }
}
