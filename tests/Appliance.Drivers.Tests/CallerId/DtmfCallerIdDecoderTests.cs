using Appliance.Drivers.CallerId;
using Appliance.Drivers.Tests.Support;

namespace Appliance.Drivers.Tests.CallerId;

public sealed class DtmfCallerIdDecoderTests
{
    [Theory]
    [InlineData(1.0, 0.0, 70)]
    [InlineData(0.1, 30.0, 70)]
    [InlineData(2.0, 400.0, 50)]
    public void ANumberBetweenDAndCSurvivesTheLine(double gain, double noiseRms, int toneMs)
    {
        var sent = new CallerIdMessage { Format = CallerIdFormat.Dtmf, Number = "13800138000" };
        var line = PhoneLine.Carry(CallerIdEncoder.EncodeDtmf(sent, toneMs: toneMs), gain, noiseRms, seed: 17);

        var decoded = Decode(new DtmfCallerIdDecoder(), line);

        Assert.Equal([sent], decoded);
    }

    [Fact]
    public void AStartWithAIsAcceptedAsWell()
    {
        var line = CallerIdEncoder.EncodeDtmfKeys("A02112345678C");

        var decoded = Assert.Single(Decode(new DtmfCallerIdDecoder(), line));

        Assert.Equal("02112345678", decoded.Number);
    }

    [Theory]
    [InlineData(CallerIdAbsence.Private)]
    [InlineData(CallerIdAbsence.Unavailable)]
    public void AWithheldNumberGivesTheReasonAndNoNumber(CallerIdAbsence absence)
    {
        var sent = new CallerIdMessage { Format = CallerIdFormat.Dtmf, NumberAbsence = absence };
        var line = PhoneLine.Carry(CallerIdEncoder.EncodeDtmf(sent), 0.5, 30, seed: 2);

        var decoded = Assert.Single(Decode(new DtmfCallerIdDecoder(), line));

        Assert.Null(decoded.Number);
        Assert.Equal(absence, decoded.NumberAbsence);
    }

    [Fact]
    public void DigitsWithoutAStartKeyAreNotACallerId()
    {
        var line = CallerIdEncoder.EncodeDtmfKeys("5551234C");

        Assert.Empty(Decode(new DtmfCallerIdDecoder(), line));
    }

    [Fact]
    public void NothingIsDecodedFromSilenceOrA440HzTone()
    {
        var silence = PhoneLine.Carry([], 1.0, 20, seed: 9, leadingSilence: 16000);
        var dialTone = PhoneLine.Tone(440, 8000, 16000);
        var loudNoise = PhoneLine.Carry([], 1.0, 3000, seed: 13, leadingSilence: 80000);

        var decoded = Decode(new DtmfCallerIdDecoder(), [.. silence, .. dialTone, .. loudNoise]);

        Assert.Empty(decoded);
    }

    [Fact]
    public void RepeatedDigitsCountOnceEachPress()
    {
        var line = CallerIdEncoder.EncodeDtmfKeys("D1100220C");

        var decoded = Assert.Single(Decode(new DtmfCallerIdDecoder(), line));

        Assert.Equal("1100220", decoded.Number);
    }

    private static List<CallerIdMessage> Decode(DtmfCallerIdDecoder decoder, short[] line)
    {
        var decoded = new List<CallerIdMessage>();
        for (var offset = 0; offset < line.Length; offset += 160)
        {
            decoded.AddRange(decoder.Feed(line.AsSpan(offset, Math.Min(160, line.Length - offset))));
        }

        return decoded;
    }
}
