using Appliance.Media.Tones;

namespace Appliance.Media.Tests.Tones;

public sealed class GoertzelTests
{
    [Theory]
    [InlineData(697, 1209)]
    [InlineData(1209, 697)]
    public void ATonesPowerIsFarAboveTheOtherDtmfFrequency(double present, double absent)
    {
        var samples = new ToneGenerator(present, levelDbfs: -10).Generate(205 * 4);

        var at = Goertzel.Power(samples, 8000, present);
        var other = Goertzel.Power(samples, 8000, absent);

        Assert.True(at > 100 * other, $"{present} Hz: {at}, {absent} Hz: {other}");
    }

    [Fact]
    public void TheDigitOneHoldsItsRowAndColumnOnly()
    {
        // DTMF '1' is 697 Hz (row) plus 1209 Hz (column).
        var samples = new ToneGenerator(697, levelDbfs: -10, secondFrequencyHz: 1209).Generate(820);

        var row = Goertzel.Power(samples, 8000, 697);
        var column = Goertzel.Power(samples, 8000, 1209);
        var otherRow = Goertzel.Power(samples, 8000, 770);
        var otherColumn = Goertzel.Power(samples, 8000, 1336);

        Assert.True(Math.Min(row, column) > 50 * Math.Max(otherRow, otherColumn));
    }

    [Fact]
    public void AFullScaleSineHasAPowerNearOne()
    {
        var samples = new ToneGenerator(1000, levelDbfs: 0).Generate(800);

        var power = Goertzel.Power(samples, 8000, 1000);

        Assert.InRange(power, 0.95, 1.05);
    }

    [Theory]
    [InlineData(440)]
    [InlineData(1000)]
    [InlineData(2600)]
    public void TheDominantFrequencyIsTheToneGenerated(double frequency)
    {
        var samples = new ToneGenerator(frequency).Generate(4000);

        var dominant = Goertzel.DominantFrequency(samples, 8000, 300, 3400, 10);

        Assert.Equal(frequency, dominant);
    }

    [Fact]
    public void SilenceHasNoPower()
    {
        Assert.Equal(0, Goertzel.Power(new short[160], 8000, 1000));
        Assert.Equal(0, Goertzel.Power([], 8000, 1000));
    }
}
