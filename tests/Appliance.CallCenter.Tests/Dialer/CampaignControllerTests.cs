using Appliance.CallCenter.Dialer;

namespace Appliance.CallCenter.Tests.Dialer;

public sealed class CampaignControllerTests
{
    [Fact]
    public void NothingIsDialledBeforeTheCampaignStarts()
    {
        var h = new ControllerHarness(DialingMode.Progressive).WithAgents("1001");

        Assert.Empty(h.Dials);
        Assert.Equal(CampaignState.NotStarted, h.Controller.State);
    }

    [Fact]
    public void ProgressiveCampaignPlacesOneCallPerAgentWithItsCallerIdAndTrunkGroup()
    {
        var h = new ControllerHarness(DialingMode.Progressive).WithAgents("1001", "1002");

        h.Controller.Start();

        Assert.Equal(2, h.Dials.Count);
        Assert.All(h.Dials, d => Assert.Equal(("+12125550000", "carrier-a", null), (d.CallerId, d.TrunkGroup, d.AgentId)));
        Assert.Equal(["c0", "c1"], h.Dials.Select(d => d.ContactId));
        Assert.Equal([CampaignState.Running], h.States);
    }

    [Fact]
    public void AnsweredCallGoesToTheAgentReadyLongest()
    {
        var h = new ControllerHarness(DialingMode.Progressive).WithAgents("1001", "1002");
        h.Controller.Start();

        var routing = h.Controller.CallAnswered(h.Dials[1].CallId);

        Assert.Equal("1001", routing.AgentId);
        Assert.False(routing.IsAbandoned);
        Assert.Equal(1, h.Controller.Progress.AgentsTalking);
    }

    [Fact]
    public void CallAnsweredWithNoAgentFreeHearsTheMessageAndCountsAsAbandoned()
    {
        var h = new ControllerHarness(DialingMode.Power).WithAgents("1001");
        h.Controller.Start();
        h.Controller.CallAnswered(h.Dials[0].CallId);

        var routing = h.Controller.CallAnswered(h.Dials[1].CallId);

        Assert.True(routing.IsAbandoned);
        Assert.Equal("abandon", routing.AbandonPrompt);
        var progress = h.Controller.Progress;
        Assert.Equal((1, 1, 0.5), (progress.Connected, progress.Abandoned, progress.AbandonRate));
        Assert.Equal(ContactStatus.RetryScheduled, h.Contacts.Find(h.Dials[1].ContactId)!.Status);
    }

    [Fact]
    public void AnsweringMachineIsRetriedAndNotCountedAsAbandoned()
    {
        var h = new ControllerHarness(DialingMode.Progressive).WithAgents("1001");
        h.Controller.Start();

        h.Controller.CallFailed(h.Dials[0].CallId, CallResult.Machine);

        var progress = h.Controller.Progress;
        Assert.Equal((1, 0), (progress.Machines, progress.Abandoned));
        Assert.Equal(2, h.Dials.Count);
        var contact = h.Contacts.Find(h.Dials[0].ContactId)!;
        Assert.Equal(h.Time.GetUtcNow() + TimeSpan.FromHours(2), contact.NextAttemptUtc);
    }

    [Fact]
    public void DispositionClosesTheContactAndTheAgentTakesTheNextCall()
    {
        var h = new ControllerHarness(DialingMode.Progressive).WithAgents("1001");
        h.Controller.Start();
        var call = h.Dials[0].CallId;
        h.Controller.CallAnswered(call);
        h.Time.Advance(TimeSpan.FromSeconds(90));
        h.Controller.CallEnded(call);
        Assert.Single(h.Dials);

        h.Controller.WrapUpCompleted(call, "sale");

        Assert.Equal(ContactStatus.Completed, h.Contacts[0].Status);
        Assert.Equal("sale", h.Contacts[0].DispositionCode);
        Assert.Equal(2, h.Dials.Count);
        Assert.Equal(TimeSpan.FromSeconds(90), h.Controller.Progress.TalkTime);
    }

    [Fact]
    public void CallBackSetByTheAgentRingsForThatAgentAtItsTime()
    {
        var h = new ControllerHarness(DialingMode.Progressive, contacts: 1).WithAgents("1001");
        h.Controller.Start();
        var call = h.Dials[0].CallId;
        h.Controller.CallAnswered(call);
        h.Controller.CallEnded(call);
        var at = h.Time.GetUtcNow().AddHours(1);

        h.Controller.WrapUpCompleted(call, "callback", at);
        h.Time.Advance(TimeSpan.FromMinutes(59));
        h.Controller.Pace();
        var beforeTime = h.Dials.Count;
        h.Time.Advance(TimeSpan.FromMinutes(1));
        h.Controller.Pace();

        Assert.Equal(1, beforeTime);
        Assert.Equal(2, h.Dials.Count);
        Assert.Equal(("c0", "1001"), (h.Dials[1].ContactId, h.Dials[1].AgentId));
    }

    [Fact]
    public void UnknownDispositionCodeIsRefused()
    {
        var h = new ControllerHarness(DialingMode.Progressive).WithAgents("1001");
        h.Controller.Start();
        h.Controller.CallAnswered(h.Dials[0].CallId);

        var error = Assert.Throws<ArgumentException>(() => h.Controller.WrapUpCompleted(h.Dials[0].CallId, "maybe"));

        Assert.Contains("maybe", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PausedCampaignPlacesNoNewCallsUntilResumed()
    {
        var h = new ControllerHarness(DialingMode.Progressive).WithAgents("1001");
        h.Controller.Start();

        h.Controller.Pause();
        h.Controller.CallFailed(h.Dials[0].CallId, CallResult.Busy);
        var whilePaused = h.Dials.Count;
        h.Controller.Resume();

        Assert.Equal(1, whilePaused);
        Assert.Equal(2, h.Dials.Count);
        Assert.Equal([CampaignState.Running, CampaignState.Paused, CampaignState.Running], h.States);
    }

    [Fact]
    public void StoppedCampaignCannotBeResumed()
    {
        var h = new ControllerHarness(DialingMode.Progressive).WithAgents("1001");
        h.Controller.Start();

        h.Controller.Stop();

        Assert.Throws<InvalidOperationException>(h.Controller.Resume);
        Assert.Equal(CampaignState.Stopped, h.Controller.State);
    }

    [Fact]
    public void PreviewShowsTheContactAndDialsOnlyWhenTheAgentDoes()
    {
        var h = new ControllerHarness(DialingMode.Preview).WithAgents("1001");
        h.Controller.Start();
        var offer = Assert.Single(h.Previews);
        Assert.Empty(h.Dials);

        h.Controller.PreviewDial("1001");

        var dial = Assert.Single(h.Dials);
        Assert.Equal((offer.Contact.Id, "1001"), (dial.ContactId, dial.AgentId));
        Assert.Equal("1001", h.Controller.CallAnswered(dial.CallId).AgentId);
    }

    [Fact]
    public void SkippedPreviewOffersTheNextContact()
    {
        var h = new ControllerHarness(DialingMode.Preview).WithAgents("1001");
        h.Controller.Start();

        h.Controller.PreviewSkip("1001");

        Assert.Equal(["c0", "c1"], h.Previews.Select(p => p.Contact.Id));
        Assert.Equal(0, h.Contacts[0].Attempts);
    }

    [Fact]
    public void CampaignFinishesWhenEveryContactIsClosed()
    {
        var h = new ControllerHarness(DialingMode.Progressive, contacts: 1).WithAgents("1001");
        h.Controller.Start();
        var call = h.Dials[0].CallId;
        h.Controller.CallAnswered(call);
        h.Controller.CallEnded(call);

        h.Controller.WrapUpCompleted(call, "no-sale");

        Assert.Equal(CampaignState.Finished, h.Controller.State);
        Assert.Equal(0, h.Controller.Progress.ContactsOpen);
    }

    [Fact]
    public void CampaignWithAnInvalidCallerIdIsRefused()
    {
        var campaign = new Campaign { Name = "x", CallerId = "anonymous", TrunkGroup = "t" };

        Assert.Throws<ArgumentException>(() => new CampaignController(campaign, new ContactList(),
            new DoNotCallList(), TimeProvider.System, Serilog.Core.Logger.None));
    }
}
