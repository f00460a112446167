using Appliance.CallCenter.Agents;
using Appliance.CallCenter.Queues;
using Appliance.CallCenter.Routing;

namespace Appliance.CallCenter.Tests.Routing;

public sealed class QueueRuleTests
{
    [Fact]
    public void ACallThatWaitedTheOverflowTimeMovesToTheOtherQueueAndRingsThere()
    {
        using var h = AcdHarness.With(
            [
                AcdHarness.Queue("first") with
                {
                    OverflowAfter = TimeSpan.FromSeconds(60),
                    OverflowTo = QueueExit.ToQueue("backup"),
                },
                AcdHarness.Queue("backup"),
            ],
            [AcdHarness.Agent("busy", "first"), AcdHarness.Agent("spare", "backup")]).LogIn("busy", "spare");
        h.Acd.Enqueue("c0", "first");
        h.Acd.OfferAnswered("c0", "busy");
        h.Acd.Enqueue("c1", "first");

        h.Time.Advance(TimeSpan.FromSeconds(59));
        var before = h.Events;
        h.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(["offer c0 busy"], before);
        Assert.Equal(["offer c0 busy", "overflow c1 first WaitTime Queue backup", "offer c1 spare"], h.Events);
    }

    [Fact]
    public void ACallThatFindsTheQueueAtItsOverflowLengthGoesToVoicemailAtOnce()
    {
        using var h = AcdHarness.With(
            [
                AcdHarness.Queue("q") with
                {
                    OverflowWhenWaiting = 1,
                    OverflowTo = new QueueExit(QueueExitKind.Voicemail, "200"),
                },
            ],
            [AcdHarness.Agent("a1", "q")]).LogIn("a1");
        h.Acd.Enqueue("c1", "q");

        var result = h.Acd.Enqueue("c2", "q");

        Assert.Equal(EnqueueResult.Overflowed, result);
        Assert.Equal("overflow c2 q QueueLength Voicemail 200", h.Events[^1]);
        Assert.Null(h.Acd.PositionOf("c2"));
    }

    [Fact]
    public void MaximumWaitWithdrawsTheRingingOfferAndSendsTheCallToItsExit()
    {
        using var h = AcdHarness.With(
            [
                AcdHarness.Queue("q") with
                {
                    MaxWait = TimeSpan.FromSeconds(10),
                    MaxWaitExit = new QueueExit(QueueExitKind.External, "5550100"),
                },
            ],
            [AcdHarness.Agent("a1", "q")]).LogIn("a1");
        h.Acd.Enqueue("c1", "q");

        h.Time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(
            ["offer c1 a1", "overflow c1 q MaxWait External 5550100", "withdraw c1 a1 Overflowed"], h.Events);
        Assert.Equal(AgentState.Idle, h.Acd.GetAgentState("a1"));
        Assert.Equal(0, h.Acd.Snapshot("q").WaitingCalls);
    }

    [Fact]
    public void AQueueThatRefusesWhenNoneIsReadyTurnsCallsAwayWhileEveryMemberIsNotReady()
    {
        using var h = AcdHarness.With(
            [AcdHarness.Queue("q") with { RefuseWhen = EmptyQueueCondition.NoneReady }],
            [AcdHarness.Agent("a1", "q")]).LogIn("a1");
        h.Acd.SetNotReady("a1", null);

        var result = h.Acd.Enqueue("c1", "q");

        Assert.Equal(EnqueueResult.NoAgents, result);
    }

    [Fact]
    public void AQueueThatNeverRefusesQueuesCallsWithNobodyLoggedIn()
    {
        using var h = AcdHarness.With(
            [AcdHarness.Queue("q") with { RefuseWhen = EmptyQueueCondition.Never, LeaveWhen = EmptyQueueCondition.Never }],
            [AcdHarness.Agent("a1", "q")]);

        var result = h.Acd.Enqueue("c1", "q");
        h.LogIn("a1");

        Assert.Equal(EnqueueResult.Queued, result);
        Assert.Equal(["offer c1 a1"], h.Events);
    }

    [Fact]
    public void LeaveWhenNoneReadySendsWaitingCallsAwayWhenTheLastReadyMemberGoesNotReady()
    {
        using var h = AcdHarness.With(
            [AcdHarness.Queue("q") with { LeaveWhen = EmptyQueueCondition.NoneReady }],
            [AcdHarness.Agent("a1", "q")]).LogIn("a1");
        h.Acd.Enqueue("c0", "q");
        h.Acd.OfferAnswered("c0", "a1");
        h.Acd.Enqueue("c1", "q");

        h.Acd.SetNotReady("a1", null);

        Assert.Equal(["offer c0 a1", "no-agents c1 q"], h.Events);
    }

    [Fact]
    public void CallStepsCarryTheWaitAndTheTalkTime()
    {
        using var h = AcdHarness.With([AcdHarness.Queue("q")], [AcdHarness.Agent("a1", "q")]).LogIn("a1");
        h.Acd.Enqueue("c0", "q");
        h.Acd.OfferAnswered("c0", "a1");
        h.Acd.Enqueue("c1", "q");
        h.Time.Advance(TimeSpan.FromSeconds(40));

        h.Acd.CallEnded("c0", "a1");
        h.Time.Advance(TimeSpan.FromSeconds(2));
        h.Acd.OfferAnswered("c1", "a1");

        var steps = h.Steps.Select(s => $"{s.Kind} {s.CallId} {s.Duration.TotalSeconds}").ToList();
        Assert.Equal(
            ["Queued c0 0", "Answered c0 0", "Queued c1 0", "Completed c0 40", "Answered c1 42"],
            steps);
    }

    [Fact]
    public void AnOverflowRuleWithoutATargetIsRefusedNamingTheQueue()
    {
        using var h = AcdHarness.WithAgents("1001");

        var error = Assert.Throws<ArgumentException>(() => h.Acd.Configure(
            [AcdHarness.Queue("q") with { OverflowAfter = TimeSpan.FromSeconds(5) }], []));

        Assert.Contains("'q'", error.Message, StringComparison.Ordinal);
    }
}
