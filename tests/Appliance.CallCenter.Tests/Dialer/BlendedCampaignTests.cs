using Appliance.CallCenter.Dialer;
using Appliance.CallCenter.Dialer.Blending;

namespace Appliance.CallCenter.Tests.Dialer;

/// <summary>The blender's decisions applied to a real campaign controller, as the host does.</summary>
public sealed class BlendedCampaignTests
{
    private static void Apply(BlendingDecision decision, CampaignController controller)
    {
        foreach (var id in decision.ToInbound)
        {
            controller.AgentLoggedOut(id);
        }

        controller.HoldPacing(!decision.OutboundPacingAllowed);
        foreach (var id in decision.ToOutbound)
        {
            controller.AgentLoggedIn(id);
        }
    }

    [Fact]
    public void InboundPressureStopsNewOutboundCallsAndTheFreedAgentGoesInbound()
    {
        var h = new ControllerHarness(DialingMode.Progressive).WithAgents("1001", "1002");
        h.Controller.Start();
        h.Controller.CallAnswered(h.Dials[0].CallId);
        var blender = new Blender();
        var now = h.Time.GetUtcNow();

        Apply(blender.Evaluate(new InboundLoad(1, 0.9, 0),
            [new("1001", AgentAssignment.Outbound, false), new("1002", AgentAssignment.Outbound, false)], now), h.Controller);
        h.Controller.CallFailed(h.Dials[1].CallId, CallResult.Busy);
        h.Controller.CallEnded(h.Dials[0].CallId);
        h.Controller.WrapUpCompleted(h.Dials[0].CallId, "sale");
        var decision = blender.Evaluate(new InboundLoad(1, 0.9, 0),
            [new("1001", AgentAssignment.Outbound, true), new("1002", AgentAssignment.Outbound, true)], now);
        Apply(decision, h.Controller);

        Assert.Equal(2, h.Dials.Count);
        Assert.Equal(["1001", "1002"], decision.ToInbound);
        Assert.Equal(CampaignState.Running, h.Controller.State);
    }

    [Fact]
    public void QuietInboundSendsTheAgentsBackAndDiallingResumes()
    {
        var h = new ControllerHarness(DialingMode.Progressive);
        h.Controller.Start();
        var blender = new Blender(new BlendingOptions { QuietTime = TimeSpan.FromSeconds(30), InboundReserve = 0 });
        var now = h.Time.GetUtcNow();
        Apply(blender.Evaluate(new InboundLoad(2, 0.5, 0), [new("1001", AgentAssignment.Outbound, true)], now),
            h.Controller);

        Apply(blender.Evaluate(new InboundLoad(0, 1, 1), [new("1001", AgentAssignment.Inbound, true)], now.AddSeconds(1)),
            h.Controller);
        var dialsWhileWaiting = h.Dials.Count;
        Apply(blender.Evaluate(new InboundLoad(0, 1, 1), [new("1001", AgentAssignment.Inbound, true)], now.AddSeconds(31)),
            h.Controller);

        Assert.Equal(0, dialsWhileWaiting);
        Assert.Single(h.Dials);
    }

    [Fact]
    public void ReleasingHeldPacingDoesNotUndoAnOperatorsPause()
    {
        var h = new ControllerHarness(DialingMode.Progressive);
        h.Controller.Start();
        h.Controller.HoldPacing(true);
        h.Controller.AgentLoggedIn("1001");
        h.Controller.Pause();

        h.Controller.HoldPacing(false);
        var dialsWhilePaused = h.Dials.Count;
        h.Controller.Resume();

        Assert.Equal(0, dialsWhilePaused);
        Assert.Equal(CampaignState.Running, h.Controller.State);
        Assert.Single(h.Dials);
    }
}
