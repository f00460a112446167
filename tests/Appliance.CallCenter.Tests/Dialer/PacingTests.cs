using Appliance.CallCenter.Dialer;

namespace Appliance.CallCenter.Tests.Dialer;

public sealed class PacingTests
{
    private static readonly DateTimeOffset s_now = SchedulerBuilder.MondayNoonNewYork;

    private static PacingSnapshot State(int ready, int ringing = 0, int talking = 0, int wrapping = 0,
        TimeSpan? ringElapsed = null, TimeSpan? wrapElapsed = null)
    {
        var busy = Enumerable.Repeat(new AgentActivity(AgentPhase.Talking, TimeSpan.FromSeconds(30)), talking)
            .Concat(Enumerable.Repeat(new AgentActivity(AgentPhase.WrappingUp, wrapElapsed ?? TimeSpan.FromSeconds(8)),
                wrapping))
            .ToList();
        return new PacingSnapshot(s_now, ready, Enumerable.Repeat(ringElapsed ?? TimeSpan.Zero, ringing).ToList(), busy);
    }

    // 100 attempts: 35 live after 15 s, the rest not live after 25 s; talk 120 s, wrap-up 10 s.
    private static PredictivePacing WarmPredictive(PredictivePacingOptions? options = null)
    {
        var pacing = new PredictivePacing(options);
        for (var i = 0; i < 100; i++)
        {
            var live = i % 20 < 7;
            pacing.Observe(new PacingObservation(PacingObservationKind.AttemptEnded,
                TimeSpan.FromSeconds(live ? 15 : 25), live ? CallResult.Connected : CallResult.NoAnswer));
            pacing.Observe(new PacingObservation(PacingObservationKind.TalkEnded, TimeSpan.FromSeconds(120), null));
            pacing.Observe(new PacingObservation(PacingObservationKind.WrapUpEnded, TimeSpan.FromSeconds(10), null));
        }

        return pacing;
    }

    [Fact]
    public void PreviewHandsEveryReadyAgentAContactAndDialsNothing()
    {
        var decision = new PreviewPacing().Decide(State(ready: 3, talking: 2));

        Assert.Equal(new PacingDecision(0, 3), decision);
    }

    [Theory]
    [InlineData(5, 2, 3)]
    [InlineData(1, 3, 0)]
    [InlineData(0, 0, 0)]
    public void ProgressiveKeepsOneCallPerReadyAgent(int ready, int ringing, int expected)
    {
        var decision = new ProgressivePacing().Decide(State(ready, ringing, talking: 4, wrapping: 2));

        Assert.Equal(expected, decision.CallsToDial);
    }

    [Theory]
    [InlineData(2.0, 3, 1, 5)]
    [InlineData(1.5, 1, 0, 2)]
    [InlineData(2.0, 0, 0, 0)]
    public void PowerKeepsAFixedRatioOfCallsPerReadyAgent(double ratio, int ready, int ringing, int expected)
    {
        var decision = new PowerPacing(ratio).Decide(State(ready, ringing));

        Assert.Equal(expected, decision.CallsToDial);
    }

    [Fact]
    public void PredictiveDialsProgressivelyUntilWarmedUp()
    {
        var pacing = new PredictivePacing();

        var decision = pacing.Decide(State(ready: 10));

        Assert.Equal(10, decision.CallsToDial);
    }

    [Fact]
    public void PredictiveDialsAheadOfReadyAgentsWithALowAnswerRate()
    {
        var pacing = WarmPredictive(new PredictivePacingOptions { InitialScale = 1 });

        var decision = pacing.Decide(State(ready: 10, talking: 10));

        Assert.InRange(pacing.AnswerRate, 0.3, 0.4);
        Assert.InRange(decision.CallsToDial, 15, 40);
    }

    [Fact]
    public void PredictiveDialsForAgentsAboutToLeaveWrapUpWhenNoneIsReady()
    {
        var pacing = WarmPredictive(new PredictivePacingOptions { InitialScale = 1 });

        var decision = pacing.Decide(State(ready: 0, talking: 15, wrapping: 5));

        Assert.True(decision.CallsToDial > 0, $"dialled {decision.CallsToDial}");
    }

    [Fact]
    public void PredictiveDialsNothingWhenEnoughCallsAreAlreadyRinging()
    {
        var pacing = WarmPredictive();

        var decision = pacing.Decide(State(ready: 2, ringing: 30, talking: 18));

        Assert.Equal(0, decision.CallsToDial);
    }

    [Fact]
    public void EachExtraCallBeyondTheReadyAgentsCostsMoreAbandons()
    {
        var pacing = WarmPredictive();
        var state = State(ready: 3, talking: 17);

        var marginals = new[] { 0, 2, 6, 19 }.Select(k => pacing.PredictMarginalAbandonRate(state, k)).ToList();

        Assert.Equal(0, marginals[0]);
        Assert.Equal(0, marginals[1]);
        Assert.True(marginals[2] > 0, $"marginal after 6 calls {marginals[2]}");
        Assert.True(marginals[3] > marginals[2] && marginals[3] > 0.3,
            $"marginal after 19 calls {marginals[3]}");
        Assert.True(pacing.PredictAbandonRate(state, 19) > 0.1, $"rate with 19 calls");
    }

    [Fact]
    public void CallThatHasRungLongIsLessLikelyToBeAnswered()
    {
        var pacing = WarmPredictive();

        var fresh = pacing.LiveAnswerChance(TimeSpan.Zero);
        var old = pacing.LiveAnswerChance(TimeSpan.FromSeconds(20));

        Assert.InRange(fresh, 0.3, 0.4);
        Assert.Equal(0, old, 3);
    }

    [Fact]
    public void MeasuredAbandonsAboveTargetLowerTheThreshold()
    {
        var pacing = WarmPredictive(new PredictivePacingOptions { InitialScale = 1 });
        var before = pacing.Threshold;

        for (var i = 0; i < 50; i++)
        {
            pacing.Observe(new PacingObservation(PacingObservationKind.AttemptEnded, TimeSpan.FromSeconds(15),
                i % 5 == 0 ? CallResult.Abandoned : CallResult.Connected));
        }

        Assert.True(pacing.MeasuredAbandonRate > 0.03);
        Assert.True(pacing.Threshold < before, $"threshold {pacing.Threshold} from {before}");
        Assert.True(pacing.Threshold <= pacing.TargetAbandonRate);
    }

    [Fact]
    public void MeasuredAbandonsWellUnderTargetRaiseTheThreshold()
    {
        var pacing = WarmPredictive();
        var before = pacing.Threshold;

        for (var i = 0; i < 100; i++)
        {
            pacing.Observe(new PacingObservation(PacingObservationKind.AttemptEnded, TimeSpan.FromSeconds(15),
                CallResult.Connected));
        }

        Assert.True(pacing.Threshold > before, $"threshold {pacing.Threshold} from {before}");
    }
}
