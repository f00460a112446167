using Appliance.Media.Tones;

namespace Appliance.Media.Tests.Tones;

public sealed class ToneGeneratorTests
{
    [Fact]
    public void MinusTenDecibelsPeaksAtAThirdOfFullScale()
    {
        var samples = new ToneGenerator(1000, levelDbfs: -10).Generate(800);

        var peak = samples.Max(s => Math.Abs((int)s));

        Assert.InRange(peak, 10300, 10370);
    }

    [Fact]
    public void ATimedToneEndsAndThenReadsSilence()
    {
        var tone = new ToneGenerator(440, duration: TimeSpan.FromMilliseconds(30));
        var frame = new short[160];

        var first = tone.ReadFrame(frame);
        var second = tone.ReadFrame(frame);
        var tail = frame[80..].ToArray();
        var third = tone.ReadFrame(frame);

        Assert.True(first);
        Assert.True(second);
        Assert.All(tail, s => Assert.Equal(0, s));
        Assert.False(third);
        Assert.Equal(240, tone.Position);
    }

    [Fact]
    public void FramesJoinWithoutAPhaseJump()
    {
        var whole = new ToneGenerator(440).Generate(320);
        var split = new ToneGenerator(440);
        var frame = new short[160];

        split.ReadFrame(frame);
        split.ReadFrame(frame);

        Assert.Equal(whole[160..], frame);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4000)]
    [InlineData(-5)]
    public void AFrequencyOutsideTheBandIsRejected(double frequency)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ToneGenerator(frequency));
    }
}
