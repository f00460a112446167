using Appliance.Media.Codecs.Wideband;

namespace Appliance.Media.Tests.Codecs;

public sealed class G722Tests
{
    // Speech-like test signal at 16 kHz: a sweep across the band, two tones and a little noise,
    // loud enough to reach the large quantiser levels and quiet stretches that shrink the scale.
    // It stays below full scale: spandsp wraps a decoded sample that overflows where we clip.
    private static short[] TestSignal()
    {
        var random = new Random(722);
        var samples = new short[16000 * 3];
        for (var i = 0; i < samples.Length; i++)
        {
            var t = i / 16000.0;
            var sweep = Math.Sin(2 * Math.PI * (100 * t + (7000.0 / 6) * t * t));
            var tones = (0.3 * Math.Sin(2 * Math.PI * 440 * t)) + (0.2 * Math.Sin(2 * Math.PI * 5500 * t));
            var envelope = i / 8000 % 2 == 0 ? 0.75 : 0.05;
            var value = (envelope * 0.6 * sweep) + (envelope * tones) + ((random.NextDouble() - 0.5) * 0.01);
            samples[i] = (short)Math.Clamp(value * 32767, short.MinValue, short.MaxValue);
        }

        return samples;
    }

    [Fact]
    [Trait("Category", "Integration")]
    public void EncoderWritesTheBytesSpandspWrites()
    {
        var signal = TestSignal();
        var ours = new byte[signal.Length / 2];

        new G722Encoder().Encode(signal, ours);

        Assert.Equal(SpandspG722.Encode(signal), ours);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public void DecoderGivesTheSamplesSpandspGives()
    {
        var codes = SpandspG722.Encode(TestSignal());
        var ours = new short[codes.Length * 2];

        new G722Decoder().Decode(codes, ours);

        Assert.Equal(SpandspG722.Decode(codes), ours);
    }

    [Fact]
    public void AnyByteStreamDecodesWithoutFailing()
    {
        var codes = new byte[4096];
        new Random(9).NextBytes(codes);
        var samples = new short[codes.Length * 2];

        var count = new G722Decoder().Decode(codes, samples);

        Assert.Equal(8192, count);
    }

    [Theory]
    [InlineData(300)]
    [InlineData(1000)]
    [InlineData(6000)]
    public void WidebandToneComesBackAtItsFrequency(int hz)
    {
        var tone = ToneMeasure.Sine(hz, 16000, 16000);
        var codes = new byte[tone.Length / 2];
        var decoded = new short[tone.Length];

        new G722Encoder().Encode(tone, codes);
        new G722Decoder().Decode(codes, decoded);

        var settled = decoded.AsSpan(4000);
        Assert.Equal(hz, ToneMeasure.DominantFrequency(settled, 16000), 10.0);
        Assert.True(ToneMeasure.SnrDb(settled, 16000, hz) > 25, "SNR too low");
    }

    [Fact]
    public void NarrowbandPathCarriesAToneThroughTheLowerSubBand()
    {
        var tone = ToneMeasure.Sine(1000, 8000, 8000);
        var codes = new byte[tone.Length];
        var decoded = new short[tone.Length];

        new G722Encoder().EncodeNarrowband(tone, codes);
        new G722Decoder().DecodeNarrowband(codes, decoded);

        var settled = decoded.AsSpan(2000);
        Assert.Equal(1000, ToneMeasure.DominantFrequency(settled, 8000), 10.0);
        Assert.True(ToneMeasure.SnrDb(settled, 8000, 1000) > 25, "SNR too low");
    }

    [Fact]
    [Trait("Category", "Integration")]
    public void NarrowbandEncodingPlaysAtFullBandInSpandsp()
    {
        var tone = ToneMeasure.Sine(700, 8000, 8000);
        var codes = new byte[tone.Length];

        new G722Encoder().EncodeNarrowband(tone, codes);
        var wideband = SpandspG722.Decode(codes);

        var settled = wideband.AsSpan(4000);
        Assert.Equal(700, ToneMeasure.DominantFrequency(settled, 16000), 10.0);
        Assert.True(ToneMeasure.SnrDb(settled, 16000, 700) > 20, "SNR too low");
    }
}
