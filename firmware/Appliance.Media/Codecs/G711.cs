namespace Appliance.Media.Codecs;

/// <summary>
/// ITU-T G.711 µ-law and A-law companding between 16-bit linear samples and 8-bit codes,
/// by table lookup: decoding is one 256-entry table per law, encoding one table indexed by
/// the sample's 14 (µ-law) or 13 (A-law) most significant bits, which are all the bits the
/// laws look at. The tables are built once from the segment rules of the Recommendation.
/// </summary>
/// <remarks>
/// Every member is thread-safe and allocation-free. A decoded sample is on the 16-bit scale:
/// µ-law spans ±32124 and A-law ±32256, as in G.711's tables shifted left by 2 and 3 bits.
/// </remarks>
public static class G711
{
    private static readonly short[] s_muLawToLinear = BuildMuLawDecodeTable();
    private static readonly short[] s_aLawToLinear = BuildALawDecodeTable();
    private static readonly byte[] s_linearToMuLaw = BuildMuLawEncodeTable();
    private static readonly byte[] s_linearToALaw = BuildALawEncodeTable();

    /// <summary>The µ-law code of digital silence (positive zero).</summary>
    public const byte MuLawSilence = 0xFF;

    /// <summary>The A-law code of digital silence (positive zero, even bits inverted).</summary>
    public const byte ALawSilence = 0xD5;

    public static byte EncodeMuLaw(short sample) => s_linearToMuLaw[(ushort)sample >> 2];

    public static short DecodeMuLaw(byte code) => s_muLawToLinear[code];

    public static byte EncodeALaw(short sample) => s_linearToALaw[(ushort)sample >> 3];

    public static short DecodeALaw(byte code) => s_aLawToLinear[code];

    /// <summary>Encodes one sample with the given law.</summary>
    public static byte Encode(AudioCodec codec, short sample) =>
        codec == AudioCodec.Pcma ? EncodeALaw(sample) : EncodeMuLaw(sample);

    /// <summary>Decodes one code with the given law.</summary>
    public static short Decode(AudioCodec codec, byte code) =>
        codec == AudioCodec.Pcma ? DecodeALaw(code) : DecodeMuLaw(code);

    /// <summary>The code of silence in the given law.</summary>
    public static byte Silence(AudioCodec codec) => codec == AudioCodec.Pcma ? ALawSilence : MuLawSilence;

    /// <summary>
    /// Encodes <paramref name="samples"/> into the first <c>samples.Length</c> bytes of
    /// <paramref name="codes"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="codes"/> is shorter than the samples.</exception>
    public static void Encode(AudioCodec codec, ReadOnlySpan<short> samples, Span<byte> codes)
    {
        if (codes.Length < samples.Length)
        {
            throw new ArgumentException(
                $"The code buffer holds {codes.Length} bytes; {samples.Length} samples need as many.",
                nameof(codes));
        }

        var (table, shift) = codec == AudioCodec.Pcma ? (s_linearToALaw, 3) : (s_linearToMuLaw, 2);
        for (var i = 0; i < samples.Length; i++)
        {
            codes[i] = table[(ushort)samples[i] >> shift];
        }
    }

    /// <summary>
    /// Decodes <paramref name="codes"/> into the first <c>codes.Length</c> entries of
    /// <paramref name="samples"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="samples"/> is shorter than the codes.</exception>
    public static void Decode(AudioCodec codec, ReadOnlySpan<byte> codes, Span<short> samples)
    {
        if (samples.Length < codes.Length)
        {
            throw new ArgumentException(
                $"The sample buffer holds {samples.Length} samples; {codes.Length} codes need as many.",
                nameof(samples));
        }

        var table = codec == AudioCodec.Pcma ? s_aLawToLinear : s_muLawToLinear;
        for (var i = 0; i < codes.Length; i++)
        {
            samples[i] = table[codes[i]];
        }
    }

    // G.711 §2 (µ-law): the code is sign, 3-bit segment and 4-bit step, all bits inverted on
    // the line. The 14-bit magnitude is biased by 33 so that segment s starts at 33 << s.
    private static byte MuLawFromFourteenBits(int value)
    {
        var (magnitude, mask) = value >= 0 ? (value, 0xFF) : (-value - 1, 0x7F);
        magnitude = Math.Min(magnitude + 33, 0x1FFF);

        var segment = HighestBit(magnitude) - 5;
        var step = (magnitude >> (segment + 1)) & 0x0F;
        return (byte)(((segment << 4) | step) ^ mask);
    }

    // G.711 §3 (A-law): the 13-bit magnitude is linear in segment 0 (steps of 2) and doubles
    // its step in each later segment; the even bits are inverted on the line (XOR 0x55).
    private static byte ALawFromThirteenBits(int value)
    {
        var (magnitude, mask) = value >= 0 ? (value, 0xD5) : (-value - 1, 0x55);

        int segment;
        int step;
        if (magnitude < 32)
        {
            segment = 0;
            step = magnitude >> 1;
        }
        else
        {
            segment = HighestBit(magnitude) - 4;
            step = (magnitude >> segment) & 0x0F;
        }

        return (byte)(((segment << 4) | step) ^ mask);
    }

    private static short[] BuildMuLawDecodeTable()
    {
        var table = new short[256];
        for (var code = 0; code < 256; code++)
        {
            // Decision values are the middle of each step, on the 16-bit scale (bias 132).
            var bits = ~code & 0xFF;
            var segment = (bits >> 4) & 0x07;
            var step = bits & 0x0F;
            var magnitude = (((step << 3) + 0x84) << segment) - 0x84;
            table[code] = (short)((bits & 0x80) != 0 ? -magnitude : magnitude);
        }

        return table;
    }

    private static short[] BuildALawDecodeTable()
    {
        var table = new short[256];
        for (var code = 0; code < 256; code++)
        {
            var bits = code ^ 0x55;
            var segment = (bits >> 4) & 0x07;
            var step = bits & 0x0F;
            var magnitude = segment == 0 ? (step << 1) + 1 : ((step << 1) + 33) << (segment - 1);

            // The sign bit set means positive in A-law.
            table[code] = (short)((bits & 0x80) != 0 ? magnitude << 3 : -(magnitude << 3));
        }

        return table;
    }

    private static byte[] BuildMuLawEncodeTable()
    {
        var table = new byte[1 << 14];
        for (var index = 0; index < table.Length; index++)
        {
            // The index is the sample's top 14 bits read as unsigned; undo that to get the sign.
            table[index] = MuLawFromFourteenBits((short)(index << 2) >> 2);
        }

        return table;
    }

    private static byte[] BuildALawEncodeTable()
    {
        var table = new byte[1 << 13];
        for (var index = 0; index < table.Length; index++)
        {
            table[index] = ALawFromThirteenBits((short)(index << 3) >> 3);
        }

        return table;
    }

    private static int HighestBit(int value) => 31 - int.LeadingZeroCount(value);
}
