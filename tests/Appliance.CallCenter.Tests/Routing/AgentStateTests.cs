using Appliance.CallCenter.Agents;
using Appliance.CallCenter.Queues;
using Appliance.CallCenter.Routing;

namespace Appliance.CallCenter.Tests.Routing;

public sealed class AgentStateTests
{
    private static readonly NotReadyReason s_lunch = new(2, "lunch");

    private static AcdHarness TwoAgents(TimeSpan wrapUp = default, int missedOffers = 3)
        => AcdHarness.With(
            [AcdHarness.Queue("sales") with { WrapUp = wrapUp, MissedOffersBeforeNotReady = missedOffers }],
            [AcdHarness.Agent("1001", "sales"), AcdHarness.Agent("1002", "sales")],
            s_lunch);

    [Fact]
    public void ANotReadyAgentIsSkippedUntilItIsReadyAgain()
    {
        using var h = TwoAgents().LogIn("1001", "1002");
        Assert.True(h.Acd.SetNotReady("1001", 2));

        h.Acd.Enqueue("c1", "sales");
        var whileNotReady = h.Events;
        h.Acd.Abandon("c1");
        h.Acd.SetReady("1001");
        h.ClearEvents();
        h.Acd.LogOut("1002");
        h.Acd.Enqueue("c2", "sales");

        Assert.Equal(["offer c1 1002"], whileNotReady);
        Assert.Equal(["offer c2 1001"], h.Events);
    }

    [Fact]
    public void AnUnknownReasonCodeIsRefusedAndChangesNothing()
    {
        using var h = TwoAgents().LogIn("1001");

        var accepted = h.Acd.SetNotReady("1001", 7);

        Assert.False(accepted);
        Assert.Equal(AgentState.Idle, h.Acd.GetAgentState("1001"));
    }

    [Fact]
    public void EveryStateChangeIsRaisedWithItsTimeAndReason()
    {
        using var h = TwoAgents().LogIn("1001");
        var loggedInAt = h.Time.GetUtcNow();
        h.Time.Advance(TimeSpan.FromMinutes(3));

        h.Acd.SetNotReady("1001", 2);

        var change = h.StateChanges[^1];
        Assert.Equal(("1001", AgentState.Idle, AgentState.NotReady), (change.AgentId, change.Previous, change.Current));
        Assert.Equal(loggedInAt + TimeSpan.FromMinutes(3), change.AtUtc);
        Assert.Equal(s_lunch, change.Reason);
        Assert.Equal(AgentState.LoggedOut, h.StateChanges[0].Previous);
    }

    [Fact]
    public void WrapUpHoldsTheAgentForTheQueuesWrapUpTimeThenItIsIdle()
    {
        using var h = TwoAgents(wrapUp: TimeSpan.FromSeconds(30)).LogIn("1001");
        h.Acd.Enqueue("c1", "sales");
        h.AnswerAndEnd("c1", "1001");
        h.Acd.Enqueue("c2", "sales");

        h.Time.Advance(TimeSpan.FromSeconds(29));
        var duringWrapUp = h.Acd.GetAgentState("1001");
        h.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(AgentState.WrapUp, duringWrapUp);
        Assert.Equal(AgentState.Ringing, h.Acd.GetAgentState("1001"));
        Assert.Equal(["offer c1 1001", "offer c2 1001"], h.Events);
    }

    [Fact]
    public void ReadyDuringWrapUpEndsItEarly()
    {
        using var h = TwoAgents(wrapUp: TimeSpan.FromMinutes(2)).LogIn("1001");
        h.Acd.Enqueue("c1", "sales");
        h.AnswerAndEnd("c1", "1001");
        h.Acd.Enqueue("c2", "sales");

        h.Acd.SetReady("1001");

        Assert.Equal(["offer c1 1001", "offer c2 1001"], h.Events);
    }

    [Fact]
    public void NotReadyDuringACallTakesEffectWhenTheCallEnds()
    {
        using var h = TwoAgents(wrapUp: TimeSpan.FromSeconds(10)).LogIn("1001");
        h.Acd.Enqueue("c1", "sales");
        h.Acd.OfferAnswered("c1", "1001");

        h.Acd.SetNotReady("1001", null);
        var duringCall = h.Acd.GetAgentState("1001");
        h.Acd.CallEnded("c1", "1001");

        Assert.Equal(AgentState.Busy, duringCall);
        Assert.Equal(AgentState.NotReady, h.Acd.GetAgentState("1001"));
        Assert.Equal(NotReadyReason.Unspecified, h.Acd.GetAgentStatus("1001").Reason);
    }

    [Fact]
    public void NotReadyWhileRingingWithdrawsTheOfferAndRingsTheNextAgent()
    {
        using var h = TwoAgents().LogIn("1001", "1002");
        h.Acd.Enqueue("c1", "sales");

        h.Acd.SetNotReady("1001", 2);

        Assert.Equal(["offer c1 1001", "withdraw c1 1001 AgentNotReady", "offer c1 1002"], h.Events);
    }

    [Fact]
    public void AfterTheQueuesNumberOfMissedOffersTheAgentIsNotReady()
    {
        using var h = TwoAgents(missedOffers: 2).LogIn("1001");

        h.Acd.Enqueue("c1", "sales");
        h.Time.Advance(AcdHarness.RingTimeout);
        var afterOneMiss = h.Acd.GetAgentState("1001");
        h.Time.Advance(AcdHarness.RingTimeout);

        Assert.Equal(AgentState.Ringing, afterOneMiss);
        Assert.Equal(AgentState.NotReady, h.Acd.GetAgentState("1001"));
        Assert.Equal(NotReadyReason.MissedOffers, h.Acd.GetAgentStatus("1001").Reason);
    }

    [Fact]
    public void AnAnswerResetsTheMissedOfferCount()
    {
        using var h = TwoAgents(missedOffers: 2).LogIn("1001");
        h.Acd.Enqueue("c1", "sales");
        h.Time.Advance(AcdHarness.RingTimeout);
        h.AnswerAndEnd("c1", "1001");

        h.Acd.Enqueue("c2", "sales");
        h.Time.Advance(AcdHarness.RingTimeout);

        Assert.Equal(AgentState.Ringing, h.Acd.GetAgentState("1001"));
    }

    [Fact]
    public void LoggingOutOfOneQueueKeepsTheAgentInTheOther()
    {
        using var h = AcdHarness.WithAgents("1001").LogIn("1001");

        h.Acd.LogOut("1001", "sales");
        var sales = h.Acd.Enqueue("c1", "sales");
        var support = h.Acd.Enqueue("c2", "support");

        Assert.Equal(EnqueueResult.NoAgents, sales);
        Assert.Equal(EnqueueResult.Queued, support);
        Assert.Equal(["offer c2 1001"], h.Events);
    }

    [Fact]
    public void LoggingOutOfEveryQueueLogsTheAgentOutAndLoggingInBringsItBack()
    {
        using var h = AcdHarness.WithAgents("1001").LogIn("1001");

        h.Acd.LogOut("1001");
        var loggedOut = h.Acd.GetAgentState("1001");
        h.Acd.LogIn("1001");

        Assert.Equal(AgentState.LoggedOut, loggedOut);
        Assert.Equal(AgentState.Idle, h.Acd.GetAgentState("1001"));
    }

    [Fact]
    public void ARestoredStatusKeepsTheAgentNotReadyAndOutOfItsQueueWhenThePhoneComesBack()
    {
        using var before = TwoAgents();
        before.LogIn("1001");
        before.Acd.SetNotReady("1001", 2);
        before.Acd.LogOut("1001", "sales");
        var stored = before.Acd.GetAgentStatus("1001");
        using var after = TwoAgents();

        after.Acd.Restore([stored]);
        after.LogIn("1001");

        Assert.Equal(AgentState.LoggedOut, after.Acd.GetAgentState("1001"));
        after.Acd.LogIn("1001", "sales");
        Assert.Equal(AgentState.NotReady, after.Acd.GetAgentState("1001"));
        Assert.Equal(s_lunch, after.Acd.GetAgentStatus("1001").Reason);
    }
}
