using Appliance.CallCenter.Dialer;

namespace Appliance.CallCenter.Tests.Dialer;

public sealed class AbandonHoldTests
{
    private static readonly TimeSpan s_hold = TimeSpan.FromSeconds(2);

    // Power mode with one agent: two calls, the first answered and connected to 1001.
    private static ControllerHarness OneAgentTalking()
    {
        var h = new ControllerHarness(DialingMode.Power, abandonHold: s_hold).WithAgents("1001");
        h.Controller.Start();
        h.Controller.CallAnswered(h.Dials[0].CallId);
        return h;
    }

    [Fact]
    public void AnswerWithNoAgentFreeIsHeldInsteadOfAbandoned()
    {
        var h = OneAgentTalking();

        var routing = h.Controller.CallAnswered(h.Dials[1].CallId);

        Assert.True(routing.IsHeld);
        Assert.False(routing.IsAbandoned);
        Assert.Equal(0, h.Controller.Progress.Abandoned);
    }

    [Fact]
    public void HeldAnswerGoesToTheAgentFreedWithinTheHold()
    {
        var h = OneAgentTalking();
        h.Controller.CallAnswered(h.Dials[1].CallId);
        h.Time.Advance(TimeSpan.FromSeconds(1.5));

        h.Controller.CallEnded(h.Dials[0].CallId);
        h.Controller.WrapUpCompleted(h.Dials[0].CallId, "sale");

        var routing = Assert.Single(h.HeldRoutings);
        Assert.Equal((h.Dials[1].CallId, "1001"), (routing.CallId, routing.AgentId));
        var progress = h.Controller.Progress;
        Assert.Equal((2, 0, 1), (progress.Connected, progress.Abandoned, progress.AgentsTalking));
    }

    [Fact]
    public void HeldAnswerIsAbandonedWhenTheHoldRunsOutAndNotConnectedLater()
    {
        var h = OneAgentTalking();
        h.Controller.CallAnswered(h.Dials[1].CallId);
        h.Time.Advance(TimeSpan.FromSeconds(2.1));

        h.Controller.Pace();
        h.Controller.CallEnded(h.Dials[0].CallId);
        h.Controller.WrapUpCompleted(h.Dials[0].CallId, "sale");

        var routing = Assert.Single(h.HeldRoutings);
        Assert.True(routing.IsAbandoned);
        Assert.Equal("abandon", routing.AbandonPrompt);
        Assert.Equal(ContactStatus.RetryScheduled, h.Contacts.Find(h.Dials[1].ContactId)!.Status);
        Assert.Equal((1, 1), (h.Controller.Progress.Connected, h.Controller.Progress.Abandoned));
    }

    [Fact]
    public void AgentFreedJustAfterTheHoldDoesNotTakeTheCall()
    {
        var h = OneAgentTalking();
        h.Controller.CallAnswered(h.Dials[1].CallId);
        h.Time.Advance(TimeSpan.FromSeconds(2.5));

        h.Controller.CallEnded(h.Dials[0].CallId);
        h.Controller.WrapUpCompleted(h.Dials[0].CallId, "sale");

        var routing = Assert.Single(h.HeldRoutings);
        Assert.True(routing.IsAbandoned);
    }

    [Fact]
    public void HeldContactThatHangsUpIsAbandonedAtOnce()
    {
        var h = OneAgentTalking();
        h.Controller.CallAnswered(h.Dials[1].CallId);

        h.Controller.HeldCallHungUp(h.Dials[1].CallId);
        h.Time.Advance(TimeSpan.FromSeconds(3));
        h.Controller.Pace();

        Assert.Empty(h.HeldRoutings);
        Assert.Equal(1, h.Controller.Progress.Abandoned);
    }
}
