using Appliance.CallCenter.Dialer;
using Appliance.DialerSimulation;

namespace Appliance.CallCenter.Tests.Dialer;

public sealed class DialerSimulationTests
{
    [Fact]
    public void PredictiveHoldsTheTargetAbandonRateAndBeatsProgressiveTalkTime()
    {
        var progressiveTalk = 0.0;
        var predictiveTalk = 0.0;
        int abandoned = 0, live = 0;
        var forecast = 0.0;

        foreach (var seed in new[] { 1, 2, 3 })
        {
            var settings = new SimulationSettings { Shift = TimeSpan.FromHours(2), Seed = seed };
            var progressive = DialerSimulation.DialerSimulation.Run(settings with { Mode = DialingMode.Progressive });
            var predictive = DialerSimulation.DialerSimulation.Run(settings with { Mode = DialingMode.Predictive });
            progressiveTalk += progressive.TalkTime.TotalSeconds;
            predictiveTalk += predictive.TalkTime.TotalSeconds;
            abandoned += predictive.Abandoned;
            forecast += predictive.ForecastAbandons;
            live += predictive.LiveAnswers;
            Assert.Equal(0, progressive.Abandoned);
        }

        var abandonRate = (double)abandoned / live;
        var gain = predictiveTalk / progressiveTalk - 1;
        Assert.True(abandonRate <= 0.03, $"abandon rate {abandonRate:P2}");
        Assert.True(gain >= 0.20, $"talk-time gain {gain:P1}");
        Assert.InRange(forecast / abandoned, 0.5, 1.25);
    }

    [Fact]
    public void SameSeedGivesTheSameShift()
    {
        var settings = new SimulationSettings { Shift = TimeSpan.FromMinutes(30), Seed = 7 };

        var first = DialerSimulation.DialerSimulation.Run(settings);
        var second = DialerSimulation.DialerSimulation.Run(settings);

        Assert.Equal(first, second);
    }
}
