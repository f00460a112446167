using Appliance.CallCenter.Dialer.Blending;

namespace Appliance.CallCenter.Tests.Dialer;

public sealed class BlenderTests
{
    private static readonly DateTimeOffset s_now = SchedulerBuilder.MondayNoonNewYork;
    private static readonly InboundLoad s_quiet = new(0, 1.0, 0);

    private static BlendedAgent Outbound(string id, bool idle = true) => new(id, AgentAssignment.Outbound, idle);

    private static BlendedAgent Inbound(string id, bool idle = true) => new(id, AgentAssignment.Inbound, idle);

    [Fact]
    public void QuietInboundLeavesOutboundPacingAlone()
    {
        var blender = new Blender();

        var decision = blender.Evaluate(s_quiet, [Outbound("a"), Outbound("b", idle: false)], s_now);

        Assert.Equal(BlendingMode.Normal, decision.Mode);
        Assert.True(decision.OutboundPacingAllowed);
        Assert.Empty(decision.ToInbound);
        Assert.Empty(decision.ToOutbound);
    }

    [Fact]
    public void WaitingInboundCallsHoldOutboundAndTakeTheIdleOutboundAgents()
    {
        var blender = new Blender();

        var decision = blender.Evaluate(new InboundLoad(2, 0.95, 0),
            [Outbound("a"), Outbound("b", idle: false), Outbound("c")], s_now);

        Assert.Equal(BlendingMode.InboundPressure, decision.Mode);
        Assert.False(decision.OutboundPacingAllowed);
        Assert.Equal(["a", "c"], decision.ToInbound);
    }

    [Fact]
    public void LowServiceLevelAloneIsPressure()
    {
        var blender = new Blender();

        var decision = blender.Evaluate(new InboundLoad(0, 0.7, 0), [Outbound("a")], s_now);

        Assert.Equal(BlendingMode.InboundPressure, decision.Mode);
        Assert.Equal(["a"], decision.ToInbound);
    }

    [Fact]
    public void AnAgentOnAnOutboundCallMovesOnlyOnceItIsIdle()
    {
        var blender = new Blender();
        var load = new InboundLoad(1, 0.9, 0);
        blender.Evaluate(load, [Outbound("a", idle: false)], s_now);

        var stillTalking = blender.Evaluate(load, [Outbound("a", idle: false)], s_now.AddSeconds(5));
        var nowIdle = blender.Evaluate(load, [Outbound("a")], s_now.AddSeconds(10));

        Assert.Empty(stillTalking.ToInbound);
        Assert.False(stillTalking.OutboundPacingAllowed);
        Assert.Equal(["a"], nowIdle.ToInbound);
    }

    [Fact]
    public void AgentsReturnToOutboundOnlyAfterInboundStayedQuietForTheQuietTime()
    {
        var blender = new Blender(new BlendingOptions { QuietTime = TimeSpan.FromSeconds(60), InboundReserve = 0 });
        blender.Evaluate(new InboundLoad(3, 0.5, 0), [Outbound("a"), Outbound("b")], s_now);
        BlendedAgent[] moved = [Inbound("a"), Inbound("b")];

        var early = blender.Evaluate(s_quiet, moved, s_now.AddSeconds(10));
        var almost = blender.Evaluate(s_quiet, moved, s_now.AddSeconds(69));
        var back = blender.Evaluate(s_quiet, moved, s_now.AddSeconds(70));

        Assert.Empty(early.ToOutbound);
        Assert.False(early.OutboundPacingAllowed);
        Assert.Empty(almost.ToOutbound);
        Assert.Equal(BlendingMode.Normal, back.Mode);
        Assert.True(back.OutboundPacingAllowed);
        Assert.Equal(["a", "b"], back.ToOutbound);
    }

    [Fact]
    public void ACallWaitingAgainRestartsTheQuietTime()
    {
        var blender = new Blender(new BlendingOptions { QuietTime = TimeSpan.FromSeconds(60), InboundReserve = 0 });
        BlendedAgent[] moved = [Inbound("a")];
        blender.Evaluate(new InboundLoad(1, 0.9, 0), [Outbound("a")], s_now);
        blender.Evaluate(s_quiet, moved, s_now.AddSeconds(10));
        blender.Evaluate(new InboundLoad(1, 0.9, 0), [Inbound("a", idle: false)], s_now.AddSeconds(40));

        var sixtyAfterFirstQuiet = blender.Evaluate(s_quiet, moved, s_now.AddSeconds(70));
        var sixtyAfterSecondQuiet = blender.Evaluate(s_quiet, moved, s_now.AddSeconds(131));

        Assert.Empty(sixtyAfterFirstQuiet.ToOutbound);
        Assert.Equal(["a"], sixtyAfterSecondQuiet.ToOutbound);
    }

    [Fact]
    public void TheInboundReserveStaysWhenTheOthersReturn()
    {
        var blender = new Blender(new BlendingOptions { QuietTime = TimeSpan.Zero, InboundReserve = 1 });

        var decision = blender.Evaluate(s_quiet, [Inbound("a"), Inbound("b"), Inbound("c", idle: false)], s_now);

        Assert.Equal(["b"], decision.ToOutbound);
    }

    [Fact]
    public void OneWaitingCallUnderTheHighMarkStillTakesAnIdleOutboundAgentWhenNoInboundAgentIsFree()
    {
        var blender = new Blender(new BlendingOptions { WaitingCallsHigh = 5 });

        var none = blender.Evaluate(new InboundLoad(1, 0.95, 1), [Outbound("a")], s_now);
        var taken = blender.Evaluate(new InboundLoad(1, 0.95, 0), [Outbound("a"), Outbound("b")], s_now);

        Assert.Equal(BlendingMode.Normal, taken.Mode);
        Assert.Empty(none.ToInbound);
        Assert.False(none.OutboundPacingAllowed);
        Assert.Equal(["a"], taken.ToInbound);
    }

    [Fact]
    public void MalformedOptionsAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Blender(new BlendingOptions { WaitingCallsHigh = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Blender(new BlendingOptions { InboundReserve = -1 }));
    }
}
