using Appliance.Web.Tests.Support;
using Microsoft.Playwright;
using static Appliance.Web.Tests.EndToEnd.Desk.HeardTones;

namespace Appliance.Web.Tests.EndToEnd.Desk;

/// <summary>
/// A conference made from the agent desktop in Chromium: a SIPp caller (440 Hz) talks to agent
/// 1001's SIPp phone (1000 Hz, hangs up by itself 18 s after answering); the desktop adds
/// extension 1002's SIPp phone (1800 Hz). The packet capture shows each party hearing the two
/// others, then, once the agent has hung up, caller and 1002 still talking.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ConferenceTests
{
    private static readonly TimeSpan s_listen = TimeSpan.FromSeconds(3);

    [Fact]
    [Trait("Category", "Integration")]
    public async Task EachOfThreePartiesHearsTheOtherTwoAndTheAgentLeavingKeepsTheOtherTwo()
    {
        await using var floor = await DeskFloor.StartAsync("agent-answers-hangs-up.xml", "-set", "talk", "18000");
        await using var third = await floor.Phones.StartAsync("1002", "extension-answers-1800.xml", TimeSpan.FromSeconds(90));
        await using var capture = await floor.CaptureAsync(third.MediaPort);

        await floor.Desk.FillAsync("#transferTarget", "1002");
        await floor.Desk.ClickAsync("#conference");
        await Assertions.Expect(floor.Desk.Locator("#callTitle")).ToHaveTextAsync("Conference with 1002");
        await Browser.ScreenshotAsync(floor.Desk, "agent-conference");
        var joined = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1.5);
        await Task.Delay(TimeSpan.FromSeconds(1.5) + s_listen);
        var together = DateTimeOffset.UtcNow;
        var agentResult = await floor.Agent.Peer.WaitAsync();
        var agentLeft = DateTimeOffset.UtcNow;
        await Assertions.Expect(floor.Desk.Locator("#wrapUp")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Task.Delay(s_listen);
        var end = DateTimeOffset.UtcNow;
        var stateAfterAgent = await PageRequests.CallStateAsync(floor.Admin, floor.CallId);
        var hangUp = await PageRequests.PostAsync(floor.Admin, $"/api/calls/{floor.CallId}/hangup");
        var results = await floor.WaitAsync(third.Peer);
        var datagrams = await capture.StopAsync();
        var audit = await (await floor.Admin.APIRequest.GetAsync("/api/admin/audit")).TextAsync();

        Assert.Equal("answered", stateAfterAgent);
        Assert.Equal(204, hangUp);
        floor.AssertPeersPassed([agentResult, .. results]);
        Assert.Contains("call.conference", audit, StringComparison.Ordinal);
        Assert.True(together < agentLeft, "the agent hung up before the conference was heard");
        var caller = Heard(datagrams, floor.CallerMediaPort, joined, together);
        AssertHeard(caller, AgentHz, "the caller in the conference");
        AssertHeard(caller, TargetHz, "the caller in the conference");
        var agent = Heard(datagrams, floor.AgentMediaPort, joined, together);
        AssertHeard(agent, CallerHz, "the agent in the conference");
        AssertHeard(agent, TargetHz, "the agent in the conference");
        var added = Heard(datagrams, third.MediaPort, joined, together);
        AssertHeard(added, CallerHz, "1002 in the conference");
        AssertHeard(added, AgentHz, "1002 in the conference");
        var callerAfter = Heard(datagrams, floor.CallerMediaPort, agentLeft + TimeSpan.FromSeconds(0.7), end);
        AssertHeard(callerAfter, TargetHz, "the caller after the agent left");
        AssertNotHeard(callerAfter, AgentHz, "the caller after the agent left");
        AssertHeard(Heard(datagrams, third.MediaPort, agentLeft + TimeSpan.FromSeconds(0.7), end), CallerHz, "1002 after the agent left");
    }
}
