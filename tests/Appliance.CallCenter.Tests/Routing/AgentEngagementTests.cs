using Appliance.CallCenter.Agents;
using Appliance.CallCenter.Routing;

namespace Appliance.CallCenter.Tests.Routing;

public sealed class AgentEngagementTests
{
    private static readonly NotReadyReason s_lunch = new(2, "lunch");

    private static AcdHarness TwoAgents()
        => AcdHarness.With(
            [AcdHarness.Queue("sales")],
            [AcdHarness.Agent("1001", "sales"), AcdHarness.Agent("1002", "sales")],
            s_lunch);

    [Fact]
    public void AnAgentOnACampaignCallIsBusyAndTheQueueCallGoesToAnother()
    {
        using var h = TwoAgents().LogIn("1001", "1002");
        h.Time.Advance(TimeSpan.FromSeconds(5));
        h.Acd.SetReady("1002");

        h.Acd.AgentEngaged("1001");
        h.Acd.Enqueue("c1", "sales");

        Assert.Equal(AgentState.Busy, h.Acd.GetAgentState("1001"));
        Assert.Equal(["offer c1 1002"], h.Events);
    }

    [Fact]
    public void AQueueCallWaitsWhileTheOnlyAgentIsOnACampaignCallAndGoesToItAfter()
    {
        using var h = TwoAgents().LogIn("1001");
        h.Acd.AgentEngaged("1001");

        h.Acd.Enqueue("c1", "sales");
        var whileEngaged = h.Events;
        h.ClearEvents();
        h.Acd.AgentReleased("1001");

        Assert.Empty(whileEngaged);
        Assert.Equal(["offer c1 1001"], h.Events);
    }

    [Fact]
    public void AnOfferRingingWhenTheCampaignTakesTheAgentIsWithdrawnAndRungElsewhere()
    {
        using var h = TwoAgents().LogIn("1001");
        h.Acd.Enqueue("c1", "sales");
        h.LogIn("1002");

        h.Acd.AgentEngaged("1001");

        Assert.Equal(["offer c1 1001", "withdraw c1 1001 AgentNotReady", "offer c1 1002"], h.Events);
    }

    [Fact]
    public void TheAgentsOwnNotReadyChoiceIsKeptAcrossTheCampaignCall()
    {
        using var h = TwoAgents().LogIn("1001");
        h.Acd.SetNotReady("1001", 2);

        h.Acd.AgentEngaged("1001");
        var during = h.Acd.GetAgentState("1001");
        h.Acd.AgentReleased("1001");

        Assert.Equal(AgentState.Busy, during);
        Assert.Equal(AgentState.NotReady, h.Acd.GetAgentState("1001"));
        Assert.Equal(s_lunch, h.StateChanges[^1].Reason);
    }

    [Fact]
    public void AnAgentWhosePhoneLeftDuringTheCampaignCallIsLoggedOutAfterIt()
    {
        using var h = TwoAgents().LogIn("1001");
        h.Acd.AgentEngaged("1001");

        h.Acd.AgentUnavailable("1001");
        var during = h.Acd.GetAgentState("1001");
        h.Acd.AgentReleased("1001");

        Assert.Equal(AgentState.Busy, during);
        Assert.Equal(AgentState.LoggedOut, h.Acd.GetAgentState("1001"));
    }
}
