using Appliance.CallCenter.Agents;
using Appliance.CallCenter.Routing;
using Serilog.Events;

namespace Appliance.CallCenter.Tests.Routing;

public sealed class AutomaticCallDistributorTests
{
    private static readonly TimeSpan s_tick = TimeSpan.FromTicks(1);

    [Fact]
    public void QueueOffersTheLongestIdleAgentFirst()
    {
        using var h = AcdHarness.WithAgents("1001", "1002", "1003").LogIn("1002", "1001", "1003");

        var result = h.Acd.Enqueue("c1", "sales");

        Assert.Equal(EnqueueResult.Queued, result);
        Assert.Equal(["offer c1 1002"], h.Events);
        Assert.Equal(AgentState.Ringing, h.Acd.GetAgentState("1002"));
    }

    [Fact]
    public void CallsOfAQueueAreServedInArrivalOrder()
    {
        using var h = AcdHarness.WithAgents("1001").LogIn("1001");
        h.Acd.Enqueue("c1", "sales");
        h.Acd.Enqueue("c2", "sales");
        h.Acd.Enqueue("c3", "sales");

        h.AnswerAndEnd("c1", "1001");
        h.AnswerAndEnd("c2", "1001");

        Assert.Equal(["offer c1 1001", "offer c2 1001", "offer c3 1001"], h.Events);
    }

    [Fact]
    public void AnAgentInTwoQueuesGetsTheOldestWaitingCallOfBoth()
    {
        using var h = AcdHarness.WithAgents("1001").LogIn("1001");
        h.Acd.Enqueue("first", "sales");
        h.Acd.OfferAnswered("first", "1001");
        h.Acd.Enqueue("support-older", "support");
        h.Time.Advance(TimeSpan.FromSeconds(1));
        h.Acd.Enqueue("sales-newer", "sales");
        h.ClearEvents();

        h.Acd.CallEnded("first", "1001");

        Assert.Equal(["offer support-older 1001"], h.Events);
    }

    [Fact]
    public void AnAgentRingsForOneCallAtATime()
    {
        using var h = AcdHarness.WithAgents("1001").LogIn("1001");

        h.Acd.Enqueue("c1", "sales");
        h.Acd.Enqueue("c2", "support");

        Assert.Equal(["offer c1 1001"], h.Events);
        Assert.Equal(2, h.Acd.Snapshot("sales").WaitingCalls + h.Acd.Snapshot("support").WaitingCalls);
    }

    [Fact]
    public void RingTimeoutWithdrawsTheOfferAndRingsTheNextAgentAfterExactlyTheRingTimeout()
    {
        using var h = AcdHarness.WithAgents("1001", "1002").LogIn("1001", "1002");
        h.Acd.Enqueue("c1", "sales");

        h.Time.Advance(AcdHarness.RingTimeout - s_tick);
        var beforeTimeout = h.Events;
        h.Time.Advance(s_tick);

        Assert.Equal(["offer c1 1001"], beforeTimeout);
        Assert.Equal(["offer c1 1001", "withdraw c1 1001 RingNoAnswer", "offer c1 1002"], h.Events);
        Assert.Equal(AgentState.Idle, h.Acd.GetAgentState("1001"));
    }

    [Fact]
    public void OnceEveryAgentMissedTheCallTheRoundStartsAgain()
    {
        using var h = AcdHarness.WithAgents("1001", "1002").LogIn("1001", "1002");
        h.Acd.Enqueue("c1", "sales");

        h.Time.Advance(AcdHarness.RingTimeout);
        h.Time.Advance(AcdHarness.RingTimeout);

        Assert.Equal(
            [
                "offer c1 1001",
                "withdraw c1 1001 RingNoAnswer",
                "offer c1 1002",
                "withdraw c1 1002 RingNoAnswer",
                "offer c1 1001",
            ],
            h.Events);
    }

    [Fact]
    public void AnAgentWhoMissedAnOfferLosesItsPlaceAsLongestIdle()
    {
        using var h = AcdHarness.WithAgents("1001", "1002", "1003").LogIn("1001", "1002", "1003");
        h.Acd.Enqueue("c1", "sales");
        h.Time.Advance(AcdHarness.RingTimeout);
        h.Acd.OfferAnswered("c1", "1002");
        h.ClearEvents();

        h.Acd.Enqueue("c2", "sales");

        Assert.Equal(["offer c2 1003"], h.Events);
    }

    [Fact]
    public void AMissedCallWaitsForAnUntriedAgentRatherThanRingTheSameAgentAgain()
    {
        using var h = AcdHarness.WithAgents("1001", "1002").LogIn("1001", "1002");
        h.Acd.Enqueue("busy-call", "sales");
        h.Acd.OfferAnswered("busy-call", "1001");
        h.Acd.Enqueue("c1", "sales");
        h.Time.Advance(AcdHarness.RingTimeout);

        h.Acd.CallEnded("busy-call", "1001");

        Assert.Equal(
            ["offer busy-call 1001", "offer c1 1002", "withdraw c1 1002 RingNoAnswer", "offer c1 1001"],
            h.Events);
    }

    [Fact]
    public void AbandonWhileRingingWithdrawsTheOfferWithCallerAbandoned()
    {
        using var h = AcdHarness.WithAgents("1001", "1002").LogIn("1001", "1002");
        h.Acd.Enqueue("c1", "sales");

        h.Acd.Abandon("c1");
        h.Time.Advance(AcdHarness.RingTimeout * 2);

        Assert.Equal(["offer c1 1001", "withdraw c1 1001 CallerAbandoned"], h.Events);
        Assert.Equal(AgentState.Idle, h.Acd.GetAgentState("1001"));
        Assert.Equal(0, h.Acd.Snapshot("sales").WaitingCalls);
    }

    [Fact]
    public void AnAgentFreedByAnAbandonedCallGetsTheNextWaitingCall()
    {
        using var h = AcdHarness.WithAgents("1001").LogIn("1001");
        h.Acd.Enqueue("c1", "sales");
        h.Acd.Enqueue("c2", "sales");

        h.Acd.Abandon("c1");

        Assert.Equal(["offer c1 1001", "withdraw c1 1001 CallerAbandoned", "offer c2 1001"], h.Events);
    }

    [Fact]
    public void EnqueueReturnsNoAgentsWhenNoMemberOfTheQueueIsLoggedIn()
    {
        using var h = AcdHarness.WithAgents(
            new AgentDefinition("1001", ["sales"]),
            new AgentDefinition("1002", ["support"]));
        h.LogIn("1002");

        var result = h.Acd.Enqueue("c1", "sales");

        Assert.Equal(EnqueueResult.NoAgents, result);
        Assert.Empty(h.Events);
        Assert.Equal(0, h.Acd.Snapshot("sales").WaitingCalls);
    }

    [Fact]
    public void ABusyMemberCountsAsLoggedInSoTheCallWaits()
    {
        using var h = AcdHarness.WithAgents("1001").LogIn("1001");
        h.Acd.Enqueue("c1", "sales");
        h.Acd.OfferAnswered("c1", "1001");

        var result = h.Acd.Enqueue("c2", "sales");

        Assert.Equal(EnqueueResult.Queued, result);
        Assert.Equal(new QueueSnapshot("sales", 1, TimeSpan.Zero, 0, 0, 1), h.Acd.Snapshot("sales"));
    }

    [Fact]
    public void CallEndedMakesTheAgentTheMostRecentlyIdle()
    {
        using var h = AcdHarness.WithAgents("1001", "1002").LogIn("1001", "1002");
        h.Acd.Enqueue("c1", "sales");
        h.AnswerAndEnd("c1", "1001");
        h.ClearEvents();

        h.Acd.Enqueue("c2", "sales");

        Assert.Equal(["offer c2 1002"], h.Events);
    }

    [Fact]
    public void OfferFailedPutsTheAgentBackToIdleAndRingsTheNextAgent()
    {
        using var h = AcdHarness.WithAgents("1001", "1002").LogIn("1001", "1002");
        h.Acd.Enqueue("c1", "sales");

        h.Acd.OfferFailed("c1", "1001");

        Assert.Equal(["offer c1 1001", "offer c1 1002"], h.Events);
        Assert.Equal(AgentState.Idle, h.Acd.GetAgentState("1001"));
    }

    [Fact]
    public void AnAnswerAfterTheRingTimeoutIsRefused()
    {
        using var h = AcdHarness.WithAgents("1001", "1002").LogIn("1001", "1002");
        h.Acd.Enqueue("c1", "sales");
        h.Time.Advance(AcdHarness.RingTimeout);

        var accepted = h.Acd.OfferAnswered("c1", "1001");

        Assert.False(accepted);
        Assert.Equal(AgentState.Idle, h.Acd.GetAgentState("1001"));
        Assert.Equal(AgentState.Ringing, h.Acd.GetAgentState("1002"));
    }

    [Fact]
    public void TheLastAgentLoggingOutDropsTheWaitingCallsWithCallNoAgents()
    {
        using var h = AcdHarness.WithAgents("1001").LogIn("1001");
        h.Acd.Enqueue("c1", "sales");
        h.Acd.Enqueue("c2", "sales");

        h.Acd.AgentUnavailable("1001");

        Assert.Equal(
            ["offer c1 1001", "withdraw c1 1001 AgentLoggedOut", "no-agents c1 sales", "no-agents c2 sales"],
            h.Events);
        Assert.Equal(AgentState.LoggedOut, h.Acd.GetAgentState("1001"));
    }

    [Fact]
    public void ABusyAgentThatUnregistersIsLoggedOutWhenItsCallEnds()
    {
        using var h = AcdHarness.WithAgents("1001").LogIn("1001");
        h.Acd.Enqueue("c1", "sales");
        h.Acd.OfferAnswered("c1", "1001");
        h.Acd.AgentUnavailable("1001");
        var stateDuringCall = h.Acd.GetAgentState("1001");

        h.Acd.CallEnded("c1", "1001");

        Assert.Equal(AgentState.Busy, stateDuringCall);
        Assert.Equal(AgentState.LoggedOut, h.Acd.GetAgentState("1001"));
        Assert.Equal(EnqueueResult.NoAgents, h.Acd.Enqueue("c2", "sales"));
    }

    [Fact]
    public void EnqueueInAnUnknownQueueThrowsNamingTheQueue()
    {
        using var h = AcdHarness.WithAgents("1001").LogIn("1001");

        var error = Assert.Throws<ArgumentException>(() => h.Acd.Enqueue("c1", "billing"));

        Assert.Contains("'billing'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SnapshotReportsWaitingCallsLongestWaitAndAgentStates()
    {
        using var h = AcdHarness.WithAgents("1001", "1002", "1003").LogIn("1001", "1002");
        h.Acd.Enqueue("c1", "sales");
        h.Acd.OfferAnswered("c1", "1001");
        h.Acd.Enqueue("c2", "sales");
        h.Time.Advance(TimeSpan.FromSeconds(5));
        h.Acd.Enqueue("c3", "sales");
        h.Time.Advance(TimeSpan.FromSeconds(3));

        var snapshot = h.Acd.Snapshot("sales");

        Assert.Equal(new QueueSnapshot("sales", 2, TimeSpan.FromSeconds(8), 0, 1, 1), snapshot);
    }

    [Fact]
    public void EventsAreRaisedAfterTheLockIsReleased()
    {
        using var h = AcdHarness.WithAgents("1001").LogIn("1001");
        var otherThreadGotIn = false;
        h.Acd.OfferCall += _ =>
            otherThreadGotIn = Task.Run(() => h.Acd.Snapshot("sales")).Wait(TimeSpan.FromSeconds(5));

        h.Acd.Enqueue("c1", "sales");

        Assert.True(otherThreadGotIn);
    }

    [Fact]
    public async Task AHandlerThatCallsBackIntoTheAcdDoesNotDeadlockAndEventsKeepTheirOrder()
    {
        using var h = AcdHarness.WithAgents("1001", "1002").LogIn("1001", "1002");
        h.Acd.OfferCall += offer =>
        {
            if (offer.AgentId == "1001")
            {
                h.Acd.OfferFailed(offer.CallId, offer.AgentId);
            }
        };

        var result = await Task.Run(() => h.Acd.Enqueue("c1", "sales")).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(EnqueueResult.Queued, result);
        Assert.Equal(["offer c1 1001", "offer c1 1002"], h.Events);
        Assert.Equal(AgentState.Ringing, h.Acd.GetAgentState("1002"));
    }

    [Fact]
    public void AFailingHandlerDoesNotStopTheEventsAfterIt()
    {
        using var h = AcdHarness.WithAgents("1001").LogIn("1001");
        h.Acd.OfferCall += _ => throw new InvalidOperationException("subscriber bug");
        h.Acd.Enqueue("c1", "sales");

        h.Acd.Abandon("c1");

        Assert.Equal(["offer c1 1001", "withdraw c1 1001 CallerAbandoned"], h.Events);
        Assert.Contains(h.Logs.Events, e => e.Level == LogEventLevel.Error && e.Exception is not null);
    }

    [Fact]
    public void EachBusinessStepIsLoggedAtInformationWithCallQueueAndAgent()
    {
        using var h = AcdHarness.WithAgents("1001").LogIn("1001");

        h.Acd.Enqueue("c1", "sales");
        h.Acd.OfferAnswered("c1", "1001");
        h.Acd.CallEnded("c1", "1001");

        var steps = h.Logs.Events
            .Where(e => e.Level == LogEventLevel.Information && e.Properties.ContainsKey("CallId"))
            .ToList();
        Assert.Equal(4, steps.Count);
        Assert.All(steps, e => Assert.Equal("\"sales\"", e.Properties["Queue"].ToString()));
        Assert.All(steps.Skip(1), e => Assert.Equal("\"1001\"", e.Properties["Agent"].ToString()));
    }
}
