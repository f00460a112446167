using Appliance.Media.Quality;

namespace Appliance.Media.Tests.Quality;

public sealed class EModelTests
{
    [Fact]
    public void PerfectG711CallRatesNinetyThreePointTwoAndMosFourPointFour()
    {
        var r = EModel.RFactor(0, TimeSpan.Zero);

        Assert.Equal(93.2, r, precision: 6);
        Assert.Equal(4.41, EModel.Mos(r), precision: 2);
    }

    [Theory]
    [InlineData(1, 89.6)]
    [InlineData(5, 77.4)]
    [InlineData(20, 51.1)]
    public void RandomLossLowersRatingByTheG113Robustness(double lossPercent, double expected)
    {
        var r = EModel.RFactor(lossPercent, TimeSpan.Zero);

        Assert.Equal(expected, r, precision: 1);
    }

    [Fact]
    public void DelayPastTheKneeCostsMoreThanBefore()
    {
        var at150 = EModel.DefaultR - EModel.RFactor(0, TimeSpan.FromMilliseconds(150));
        var at300 = EModel.DefaultR - EModel.RFactor(0, TimeSpan.FromMilliseconds(300));

        Assert.Equal(3.6, at150, precision: 6);
        Assert.Equal((0.024 * 300) + (0.11 * (300 - 177.3)), at300, precision: 6);
    }

    [Theory]
    [InlineData(-5, 1.0)]
    [InlineData(0, 1.0)]
    [InlineData(50, 2.58)]
    [InlineData(80, 4.02)]
    [InlineData(120, 4.5)]
    public void MosFollowsAnnexB(double r, double mos)
    {
        Assert.Equal(mos, EModel.Mos(r), precision: 2);
    }

    [Fact]
    public void CallQualityUsesTheRoundTripHalfAndTheBufferAsDelay()
    {
        var quality = CallQuality.From(
            lossPercent: 0,
            jitter: TimeSpan.FromMilliseconds(3.456),
            roundTrip: TimeSpan.FromMilliseconds(100),
            bufferDelay: TimeSpan.FromMilliseconds(30),
            packetsExpected: 10);

        Assert.Equal(3.46, quality.JitterMs);
        Assert.Equal(100, quality.RoundTripMs);
        Assert.Equal(Math.Round(93.2 - (0.024 * 100), 1), quality.RFactor);
    }
}
