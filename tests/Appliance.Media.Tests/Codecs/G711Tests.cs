using Appliance.Media.Codecs;
using Appliance.Media.Tones;

namespace Appliance.Media.Tests.Codecs;

public sealed class G711Tests
{
    // ITU-T G.711 tables 1 and 2: the codes of zero and full scale, and their decoded values
    // (on the 16-bit scale: µ-law × 4, A-law × 8).
    [Theory]
    [InlineData((short)0, 0xFF)]
    [InlineData((short)-1, 0x7F)]
    [InlineData(short.MaxValue, 0x80)]
    [InlineData(short.MinValue, 0x00)]
    [InlineData((short)32124, 0x80)]
    [InlineData((short)-32124, 0x00)]
    public void MuLawEncodesTheStandardCodes(short sample, int code)
    {
        var encoded = G711.EncodeMuLaw(sample);

        Assert.Equal((byte)code, encoded);
    }

    [Theory]
    [InlineData(0xFF, 0)]
    [InlineData(0x7F, 0)]
    [InlineData(0x80, 32124)]
    [InlineData(0x00, -32124)]
    [InlineData(0xEF, 132)]
    [InlineData(0xFE, 8)]
    [InlineData(0xF0, 120)]
    public void MuLawDecodesTheStandardValues(int code, int sample)
    {
        var decoded = G711.DecodeMuLaw((byte)code);

        Assert.Equal(sample, decoded);
    }

    [Theory]
    [InlineData((short)0, 0xD5)]
    [InlineData((short)-1, 0x55)]
    [InlineData((short)-8, 0x55)]
    [InlineData(short.MaxValue, 0xAA)]
    [InlineData(short.MinValue, 0x2A)]
    public void ALawEncodesTheStandardCodes(short sample, int code)
    {
        var encoded = G711.EncodeALaw(sample);

        Assert.Equal((byte)code, encoded);
    }

    [Theory]
    [InlineData(0xD5, 8)]
    [InlineData(0x55, -8)]
    [InlineData(0xAA, 32256)]
    [InlineData(0x2A, -32256)]
    [InlineData(0xD4, 24)]
    [InlineData(0xC5, 264)]
    public void ALawDecodesTheStandardValues(int code, int sample)
    {
        var decoded = G711.DecodeALaw((byte)code);

        Assert.Equal(sample, decoded);
    }

    [Fact]
    public void EveryMuLawCodeExceptNegativeZeroSurvivesDecodeThenEncode()
    {
        var changed = new List<int>();

        for (var code = 0; code < 256; code++)
        {
            if (G711.EncodeMuLaw(G711.DecodeMuLaw((byte)code)) != code)
            {
                changed.Add(code);
            }
        }

        Assert.Equal([0x7F], changed);
    }

    [Fact]
    public void EveryALawCodeSurvivesDecodeThenEncode()
    {
        var changed = new List<int>();

        for (var code = 0; code < 256; code++)
        {
            if (G711.EncodeALaw(G711.DecodeALaw((byte)code)) != code)
            {
                changed.Add(code);
            }
        }

        Assert.Empty(changed);
    }

    // The step doubles per segment and the decoder picks the middle of a step, so the error is
    // at most half a step: about 1/32 of the magnitude, plus the low-level steps and the
    // truncated bits below the 14 (µ-law) or 13 (A-law) that the laws read.
    [Theory]
    [InlineData(AudioCodec.Pcmu, 32124)]
    [InlineData(AudioCodec.Pcma, 32256)]
    public void RoundTripErrorStaysWithinHalfAStep(AudioCodec codec, int clip)
    {
        var worst = 0.0;

        for (var sample = -clip; sample <= clip; sample++)
        {
            var decoded = G711.Decode(codec, G711.Encode(codec, (short)sample));
            var excess = Math.Abs(decoded - sample) - ((Math.Abs(sample) + 132) / 32.0) - 16;
            worst = Math.Max(worst, excess);
        }

        Assert.True(worst <= 0, $"The error exceeds the bound by {worst}.");
    }

    [Theory]
    [InlineData(AudioCodec.Pcmu)]
    [InlineData(AudioCodec.Pcma)]
    public void EncodingIsMonotonic(AudioCodec codec)
    {
        var previous = G711.Decode(codec, G711.Encode(codec, short.MinValue));

        for (var sample = short.MinValue + 1; sample <= short.MaxValue; sample++)
        {
            var decoded = G711.Decode(codec, G711.Encode(codec, (short)sample));
            Assert.True(decoded >= previous, $"Sample {sample} decodes below its predecessor.");
            previous = decoded;
        }
    }

    [Theory]
    [InlineData(AudioCodec.Pcmu)]
    [InlineData(AudioCodec.Pcma)]
    public void ASpeechLevelSineKeepsMoreThanThirtyFiveDecibelsSignalToNoise(AudioCodec codec)
    {
        var tone = new ToneGenerator(1004, levelDbfs: -15).Generate(8000);
        var codes = new byte[tone.Length];
        var decoded = new short[tone.Length];

        G711.Encode(codec, tone, codes);
        G711.Decode(codec, codes, decoded);

        double signal = 0;
        double noise = 0;
        for (var i = 0; i < tone.Length; i++)
        {
            signal += (double)tone[i] * tone[i];
            noise += (double)(tone[i] - decoded[i]) * (tone[i] - decoded[i]);
        }

        Assert.True(10 * Math.Log10(signal / noise) > 35);
    }

    [Theory]
    [InlineData(AudioCodec.Pcmu)]
    [InlineData(AudioCodec.Pcma)]
    public void SpanCodingMatchesSampleCoding(AudioCodec codec)
    {
        var samples = new short[] { 0, 1, -1, 100, -100, 5000, -5000, short.MaxValue, short.MinValue };
        var codes = new byte[samples.Length];
        var decoded = new short[samples.Length];

        G711.Encode(codec, samples, codes);
        G711.Decode(codec, codes, decoded);

        for (var i = 0; i < samples.Length; i++)
        {
            Assert.Equal(G711.Encode(codec, samples[i]), codes[i]);
            Assert.Equal(G711.Decode(codec, codes[i]), decoded[i]);
        }
    }

    [Fact]
    public void EncodingIntoATooShortBufferThrows()
    {
        var samples = new short[160];
        var codes = new byte[159];

        var thrown = Assert.Throws<ArgumentException>(() => G711.Encode(AudioCodec.Pcmu, samples, codes));

        Assert.Contains("160", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SilenceCodesAreTheCodesOfZero()
    {
        Assert.Equal(G711.EncodeMuLaw(0), G711.Silence(AudioCodec.Pcmu));
        Assert.Equal(G711.EncodeALaw(0), G711.Silence(AudioCodec.Pcma));
    }
}
