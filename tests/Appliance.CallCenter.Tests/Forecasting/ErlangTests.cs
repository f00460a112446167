using Appliance.CallCenter.Forecasting;

namespace Appliance.CallCenter.Tests.Forecasting;

public sealed class ErlangTests
{
    private static readonly TimeSpan s_threeMinutes = TimeSpan.FromSeconds(180);

    [Fact]
    public void TwoAgentsAtOneErlangWaitOneCallInThree()
    {
        // M/M/2 at half load: P(wait) = 2ρ² / (1 + ρ) with ρ = 0.5, exactly 1/3.
        var probability = ErlangC.ProbabilityOfWaiting(2, 1);

        Assert.Equal(1.0 / 3, probability, 12);
    }

    [Fact]
    public void TenAgentsAtEightErlangsMatchThePublishedTable()
    {
        var probability = ErlangC.ProbabilityOfWaiting(10, 8);
        var asa = ErlangC.AverageSpeedOfAnswer(10, 8, s_threeMinutes);
        var serviceLevel = ErlangC.ServiceLevel(10, 8, s_threeMinutes, TimeSpan.FromSeconds(20));

        Assert.Equal(0.4092, probability, 4);
        Assert.Equal(36.83, asa.TotalSeconds, 2);
        Assert.Equal(0.6724, serviceLevel, 4);
    }

    [Fact]
    public void AgentsNeededIsTheFewestThatMeetTheGoal()
    {
        var needed = ErlangC.AgentsNeeded(8, s_threeMinutes, TimeSpan.FromSeconds(20), 0.8);

        Assert.True(ErlangC.ServiceLevel(needed, 8, s_threeMinutes, TimeSpan.FromSeconds(20)) >= 0.8);
        Assert.True(ErlangC.ServiceLevel(needed - 1, 8, s_threeMinutes, TimeSpan.FromSeconds(20)) < 0.8);
        Assert.Equal(11, needed);
    }

    [Fact]
    public void ALoadAtOrAboveTheAgentsAlwaysWaits()
    {
        Assert.Equal(1, ErlangC.ProbabilityOfWaiting(5, 5));
        Assert.Equal(0, ErlangC.ServiceLevel(5, 6, s_threeMinutes, TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public void ErlangAWithEndlessPatienceIsErlangC()
    {
        var a = ErlangA.Solve(10, 8, s_threeMinutes, TimeSpan.FromDays(3650));

        Assert.Equal(ErlangC.ProbabilityOfWaiting(10, 8), a.ProbabilityOfWaiting, 3);
        Assert.Equal(0, a.ProbabilityOfAbandon, 3);
        Assert.Equal(0.8, a.Occupancy, 3);
    }

    [Fact]
    public void ErlangAStaysFiniteAboveFullLoadAndAbandonsTheExcess()
    {
        var a = ErlangA.Solve(10, 12, s_threeMinutes, TimeSpan.FromSeconds(60));

        // At least the load beyond the agents must hang up: (12 - 10) / 12 of the calls.
        Assert.InRange(a.ProbabilityOfAbandon, 2.0 / 12, 1);
        Assert.InRange(a.Occupancy, 0.9, 1);
    }
}
