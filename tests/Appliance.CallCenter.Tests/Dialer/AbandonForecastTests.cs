using Appliance.CallCenter.Dialer;

namespace Appliance.CallCenter.Tests.Dialer;

public sealed class AbandonForecastTests
{
    private const int Seconds = 30;

    // The event happens within the second before `at` with `chance`, else not in the horizon.
    private static double[] By(int at, double chance = 1.0)
        => Enumerable.Range(0, Seconds).Select(s => s + 1 >= at ? chance : 0.0).ToArray();

    private static double[] Uniform(int from, int to, double chance)
        => Enumerable.Range(0, Seconds)
            .Select(s => chance * Math.Clamp((s + 1.0 - from) / (to - from), 0, 1))
            .ToArray();

    private static AbandonForecast Forecast(int scenarios = 256, double holdSeconds = 0)
        => new(scenarios, Seconds, TimeSpan.FromSeconds(holdSeconds));

    [Fact]
    public void AnswerWithNoAgentFreeIsAbandoned()
    {
        var forecast = Forecast();
        forecast.Start(readyAgents: 0);

        forecast.AddCall(By(5));

        Assert.Equal(1, forecast.ExpectedAbandons());
    }

    [Fact]
    public void ReadyAgentTakesTheFirstAnswerAndTheSecondIsAbandoned()
    {
        var forecast = Forecast();
        forecast.Start(readyAgents: 1);
        forecast.AddCall(By(5));

        var marginal = forecast.MarginalAbandons(By(8), out var before);

        Assert.Equal(0, before);
        Assert.Equal(1, marginal, 6);
    }

    [Fact]
    public void AgentFreeBeforeTheAnswerTakesItAndOneFreeAfterDoesNot()
    {
        var early = Forecast();
        early.Start(readyAgents: 0);
        early.AddAgent(By(3), []);
        var late = Forecast();
        late.Start(readyAgents: 0);
        late.AddAgent(By(12), []);

        early.AddCall(By(10));
        late.AddCall(By(10));

        Assert.Equal(0, early.ExpectedAbandons());
        Assert.Equal(1, late.ExpectedAbandons());
    }

    [Fact]
    public void HoldConnectsAnAnswerToAnAgentFreeWithinIt()
    {
        var held = Forecast(holdSeconds: 2);
        held.Start(readyAgents: 0);
        held.AddAgent(By(7), []);
        var notHeld = Forecast();
        notHeld.Start(readyAgents: 0);
        notHeld.AddAgent(By(7), []);

        held.AddCall(By(6));
        notHeld.AddCall(By(6));

        Assert.Equal(0, held.ExpectedAbandons());
        Assert.Equal(1, notHeld.ExpectedAbandons());
    }

    [Fact]
    public void TalkThenWrapUpFreesTheAgentOnlyAfterBoth()
    {
        var forecast = Forecast();
        forecast.Start(readyAgents: 0);
        forecast.AddAgent(By(5), By(10));

        forecast.AddCall(By(12));

        Assert.Equal(1, forecast.ExpectedAbandons());
    }

    [Fact]
    public void MarginalWithoutDrawingMatchesAddingTheCallAndCounting()
    {
        var forecast = Forecast(scenarios: 20_000);
        forecast.Start(readyAgents: 2);
        for (var i = 0; i < 4; i++)
        {
            forecast.AddAgent(Uniform(0, 40, 0.75), []);
        }

        for (var i = 0; i < 8; i++)
        {
            forecast.AddCall(Uniform(5, 25, 0.35));
        }

        var marginal = forecast.MarginalAbandons(Uniform(5, 25, 0.35), out var before);
        forecast.AddCall(Uniform(5, 25, 0.35));
        var after = forecast.ExpectedAbandons();

        Assert.InRange(marginal, 0.02, 0.35);
        Assert.Equal(after - before, marginal, 0.01);
    }
}
