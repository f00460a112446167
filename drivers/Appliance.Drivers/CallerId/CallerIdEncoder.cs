namespace Appliance.Drivers.CallerId;

/// <summary>
/// Caller-ID signals as 8 kHz 16-bit linear samples, the way an exchange sends them between the
/// first and second ring: for tests and for the simulated card to play. Pure functions.
/// </summary>
public static class CallerIdEncoder
{
    public const int SampleRateHz = 8000;
    public const int BaudRate = 1200;

    // EN 300 659-1 §6.1 and GR-30: 300 bits of alternating 0 and 1 (channel seizure), then 180
    // bits of mark before the first byte.
    private const int SeizureBits = 300;
    private const int MarkBits = 180;
    private const int TrailingMarkBits = 10;

    private const string DtmfKeys = "123A456B789C*0#D";
    private static readonly double[] s_dtmfRowsHz = [697, 770, 852, 941];
    private static readonly double[] s_dtmfColumnsHz = [1209, 1336, 1477, 1633];

    /// <summary>
    /// Seizure, mark and the message bytes, each byte framed as a start bit (space), eight data
    /// bits least significant first and a stop bit (mark); continuous phase across bits.
    /// </summary>
    /// <param name="message">An SDMF or MDMF message.</param>
    /// <param name="standard">The modem whose tones carry the bits.</param>
    /// <param name="amplitude">Peak sample value, 1 to 32767.</param>
    public static short[] EncodeFsk(CallerIdMessage message, FskStandard standard, short amplitude = 4000)
    {
        var frame = CallerIdMessageCodec.Encode(message);
        var bits = new List<bool>(SeizureBits + MarkBits + (frame.Length * 10) + TrailingMarkBits);
        for (var i = 0; i < SeizureBits; i++)
        {
            bits.Add(i % 2 == 1);
        }

        bits.AddRange(Enumerable.Repeat(true, MarkBits));
        foreach (var b in frame)
        {
            bits.Add(false);
            for (var i = 0; i < 8; i++)
            {
                bits.Add(((b >> i) & 1) == 1);
            }

            bits.Add(true);
        }

        bits.AddRange(Enumerable.Repeat(true, TrailingMarkBits));
        return Modulate(bits, standard, amplitude);
    }

    /// <summary>
    /// A DTMF caller ID: D, the digits, C; or, for a withheld number, D B 1 0 C (private) or
    /// D B 0 0 C (unavailable). Each key sounds for <paramref name="toneMs"/> with as long a pause.
    /// </summary>
    public static short[] EncodeDtmf(CallerIdMessage message, short amplitude = 4000, int toneMs = 70)
    {
        ArgumentNullException.ThrowIfNull(message);

        var keys = message.Number is { } number ? $"D{number}C"
            : message.NumberAbsence == CallerIdAbsence.Private ? "DB10C" : "DB00C";
        return EncodeDtmfKeys(keys, amplitude, toneMs);
    }

    /// <summary>Any string of DTMF keys (0-9, *, #, A-D), each tone then an equal pause.</summary>
    public static short[] EncodeDtmfKeys(string keys, short amplitude = 4000, int toneMs = 70)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentOutOfRangeException.ThrowIfLessThan(toneMs, 20);

        var toneSamples = SampleRateHz * toneMs / 1000;
        var samples = new short[keys.Length * toneSamples * 2];
        for (var k = 0; k < keys.Length; k++)
        {
            var index = DtmfKeys.IndexOf(char.ToUpperInvariant(keys[k]), StringComparison.Ordinal);
            if (index < 0)
            {
                throw new ArgumentException($"'{keys[k]}' is not a DTMF key.", nameof(keys));
            }

            var row = s_dtmfRowsHz[index / 4];
            var column = s_dtmfColumnsHz[index % 4];
            var start = k * toneSamples * 2;
            for (var n = 0; n < toneSamples; n++)
            {
                var t = (double)n / SampleRateHz;
                var value = 0.5 * amplitude * (Math.Sin(2 * Math.PI * row * t) + Math.Sin(2 * Math.PI * column * t));
                samples[start + n] = (short)Math.Round(value);
            }
        }

        return samples;
    }

    internal static (double MarkHz, double SpaceHz) Tones(FskStandard standard) => standard switch
    {
        FskStandard.Bell202 => (1200, 2200),
        FskStandard.V23 => (1300, 2100),
        _ => throw new ArgumentOutOfRangeException(nameof(standard)),
    };

    private static short[] Modulate(List<bool> bits, FskStandard standard, short amplitude)
    {
        var (markHz, spaceHz) = Tones(standard);
        var total = (int)Math.Ceiling((double)bits.Count * SampleRateHz / BaudRate);
        var samples = new short[total];
        var phase = 0.0;
        for (var n = 0; n < total; n++)
        {
            // Bit boundaries fall on fractional samples (6 2/3 samples a bit); the bit a sample
            // belongs to is the one its time falls in.
            var bit = Math.Min(bits.Count - 1, (int)((long)n * BaudRate / SampleRateHz));
            phase += 2 * Math.PI * (bits[bit] ? markHz : spaceHz) / SampleRateHz;
            samples[n] = (short)Math.Round(amplitude * Math.Sin(phase));
        }

        return samples;
    }
}
