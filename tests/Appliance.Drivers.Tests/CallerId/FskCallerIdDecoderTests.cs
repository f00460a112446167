using Appliance.Drivers.CallerId;
using Appliance.Drivers.Tests.Support;

namespace Appliance.Drivers.Tests.CallerId;

public sealed class FskCallerIdDecoderTests
{
    private static readonly CallerIdMessage s_mdmf = new()
    {
        Format = CallerIdFormat.Mdmf,
        Timestamp = new CallerIdTimestamp(12, 3, 19, 5),
        Number = "01087654321",
        Name = "ZHANG WEI",
    };

    private static readonly CallerIdMessage s_sdmf = new()
    {
        Format = CallerIdFormat.Sdmf,
        Timestamp = new CallerIdTimestamp(1, 31, 23, 59),
        Number = "5551234567",
    };

    [Theory]
    [InlineData(FskStandard.Bell202, 1.0, 0.0)]
    [InlineData(FskStandard.Bell202, 0.08, 40.0)]
    [InlineData(FskStandard.Bell202, 2.5, 600.0)]
    [InlineData(FskStandard.V23, 1.0, 0.0)]
    [InlineData(FskStandard.V23, 0.08, 40.0)]
    [InlineData(FskStandard.V23, 2.5, 600.0)]
    public void AnMdmfMessageSurvivesTheLineAtAnyLevelAndWithNoise(FskStandard standard, double gain,
        double noiseRms)
    {
        var line = PhoneLine.Carry(CallerIdEncoder.EncodeFsk(s_mdmf, standard), gain, noiseRms, seed: 7);

        var decoded = Decode(new FskCallerIdDecoder(standard), line);

        Assert.Equal([s_mdmf], decoded);
    }

    [Theory]
    [InlineData(FskStandard.Bell202)]
    [InlineData(FskStandard.V23)]
    public void AnSdmfMessageSurvivesANoisyQuietLine(FskStandard standard)
    {
        var line = PhoneLine.Carry(CallerIdEncoder.EncodeFsk(s_sdmf, standard), 0.1, 40, seed: 11);

        var decoded = Decode(new FskCallerIdDecoder(standard), line);

        Assert.Equal([s_sdmf], decoded);
    }

    [Theory]
    [InlineData(CallerIdFormat.Sdmf)]
    [InlineData(CallerIdFormat.Mdmf)]
    public void ARestrictedNumberGivesTheReasonAndNoNumber(CallerIdFormat format)
    {
        var withheld = new CallerIdMessage
        {
            Format = format,
            Timestamp = new CallerIdTimestamp(6, 15, 8, 30),
            NumberAbsence = CallerIdAbsence.Private,
        };
        var line = PhoneLine.Carry(CallerIdEncoder.EncodeFsk(withheld, FskStandard.V23), 0.5, 30, seed: 3);

        var decoded = Assert.Single(Decode(new FskCallerIdDecoder(FskStandard.V23), line));

        Assert.Null(decoded.Number);
        Assert.Equal(CallerIdAbsence.Private, decoded.NumberAbsence);
    }

    [Fact]
    public void AnOutOfAreaCallerGivesTheUnavailableReason()
    {
        var unknown = s_mdmf with { Number = null, NumberAbsence = CallerIdAbsence.Unavailable, Name = null };
        var line = CallerIdEncoder.EncodeFsk(unknown, FskStandard.Bell202);

        var decoded = Assert.Single(Decode(new FskCallerIdDecoder(FskStandard.Bell202), line));

        Assert.Equal(CallerIdAbsence.Unavailable, decoded.NumberAbsence);
        Assert.Null(decoded.Number);
    }

    [Theory]
    [InlineData(FskStandard.Bell202)]
    [InlineData(FskStandard.V23)]
    public void AMessageWithABadChecksumIsRefusedWhole(FskStandard standard)
    {
        var frame = CallerIdMessageCodec.Encode(s_mdmf);
        frame[^1] ^= 0x01;
        var line = PhoneLine.Carry(ModulateRaw(frame, standard), 1.0, 20, seed: 5);
        var decoder = new FskCallerIdDecoder(standard);

        var decoded = Decode(decoder, line);

        Assert.Empty(decoded);
        Assert.Equal(1, decoder.RefusedMessages);
    }

    [Theory]
    [InlineData(FskStandard.Bell202)]
    [InlineData(FskStandard.V23)]
    public void NothingIsDecodedFromSilenceOrA440HzTone(FskStandard standard)
    {
        var silence = PhoneLine.Carry([], 1.0, 20, seed: 9, leadingSilence: 16000);
        var dialTone = PhoneLine.Tone(440, 8000, 16000);
        var loudNoise = PhoneLine.Carry([], 1.0, 3000, seed: 13, leadingSilence: 80000);
        var decoder = new FskCallerIdDecoder(standard);

        var decoded = Decode(decoder, [.. silence, .. dialTone, .. loudNoise]);

        Assert.Empty(decoded);
        Assert.Equal(0, decoder.RefusedMessages);
    }

    [Fact]
    public void TwoMessagesInARowAreBothDecoded()
    {
        var first = CallerIdEncoder.EncodeFsk(s_sdmf, FskStandard.V23);
        var second = CallerIdEncoder.EncodeFsk(s_mdmf, FskStandard.V23);
        var line = PhoneLine.Carry([.. first, .. new short[4000], .. second], 0.3, 30, seed: 21);

        var decoded = Decode(new FskCallerIdDecoder(FskStandard.V23), line);

        Assert.Equal([s_sdmf, s_mdmf], decoded);
    }

    private static List<CallerIdMessage> Decode(FskCallerIdDecoder decoder, short[] line)
    {
        // A card delivers 20 ms frames of 160 samples.
        var decoded = new List<CallerIdMessage>();
        for (var offset = 0; offset < line.Length; offset += 160)
        {
            decoded.AddRange(decoder.Feed(line.AsSpan(offset, Math.Min(160, line.Length - offset))));
        }

        return decoded;
    }

    private static short[] ModulateRaw(byte[] frame, FskStandard standard)
    {
        // The encoder only writes valid checksums, so the damaged frame is modulated here, by
        // the same rules (300 seizure bits, 180 mark bits, start, 8 data bits, stop).
        var (markHz, spaceHz) = standard == FskStandard.Bell202 ? (1200.0, 2200.0) : (1300.0, 2100.0);
        var bits = new List<bool>();
        bits.AddRange(Enumerable.Range(0, 300).Select(i => i % 2 == 1));
        bits.AddRange(Enumerable.Repeat(true, 180));
        foreach (var b in frame)
        {
            bits.Add(false);
            bits.AddRange(Enumerable.Range(0, 8).Select(i => ((b >> i) & 1) == 1));
            bits.Add(true);
        }

        bits.AddRange(Enumerable.Repeat(true, 10));
        var samples = new short[bits.Count * 8000 / 1200];
        var phase = 0.0;
        for (var n = 0; n < samples.Length; n++)
        {
            phase += 2 * Math.PI * (bits[n * 1200 / 8000] ? markHz : spaceHz) / 8000;
            samples[n] = (short)(4000 * Math.Sin(phase));
        }

        return samples;
    }
}
