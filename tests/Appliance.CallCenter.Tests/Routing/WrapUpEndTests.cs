using Appliance.CallCenter.Agents;

namespace Appliance.CallCenter.Tests.Routing;

/// <summary>The desktop's Done ending a wrap-up before the queue's wrap-up time runs out.</summary>
public sealed class WrapUpEndTests
{
    private static AcdHarness OneAgentWithWrapUp()
        => AcdHarness.With(
            [AcdHarness.Queue("sales") with { WrapUp = TimeSpan.FromMinutes(2) }],
            [AcdHarness.Agent("1001", "sales")]);

    [Fact]
    public void EndingWrapUpOffersTheNextWaitingCallAtOnce()
    {
        using var h = OneAgentWithWrapUp().LogIn("1001");
        h.Acd.Enqueue("c1", "sales");
        h.AnswerAndEnd("c1", "1001");
        h.Acd.Enqueue("c2", "sales");
        var duringWrapUp = h.Acd.GetAgentState("1001");

        var ended = h.Acd.EndWrapUp("1001");

        Assert.Equal(AgentState.WrapUp, duringWrapUp);
        Assert.True(ended);
        Assert.Equal(AgentState.Ringing, h.Acd.GetAgentState("1001"));
        Assert.Equal(["offer c1 1001", "offer c2 1001"], h.Events);
    }

    [Fact]
    public void EndingWrapUpLeavesTheAgentIdleWhenNoCallWaitsAndItsTimerThenChangesNothing()
    {
        using var h = OneAgentWithWrapUp().LogIn("1001");
        h.Acd.Enqueue("c1", "sales");
        h.AnswerAndEnd("c1", "1001");

        var ended = h.Acd.EndWrapUp("1001");
        h.Time.Advance(TimeSpan.FromMinutes(3));

        Assert.True(ended);
        Assert.Equal(AgentState.Idle, h.Acd.GetAgentState("1001"));
        Assert.Single(h.StateChanges, c => c.AgentId == "1001" && c.Previous == AgentState.WrapUp);
    }

    [Fact]
    public void EndingWrapUpOfAnAgentNotInWrapUpIsRefusedAndChangesNothing()
    {
        using var h = OneAgentWithWrapUp().LogIn("1001");

        var idle = h.Acd.EndWrapUp("1001");
        var unknown = h.Acd.EndWrapUp("4242");

        Assert.False(idle);
        Assert.False(unknown);
        Assert.Equal(AgentState.Idle, h.Acd.GetAgentState("1001"));
    }
}
