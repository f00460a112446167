using Appliance.Service.Tests.Support;
using Appliance.Web.Tests.Support;
using Microsoft.Playwright;
using static Appliance.Web.Tests.EndToEnd.Desk.HeardTones;

namespace Appliance.Web.Tests.EndToEnd.Desk;

/// <summary>
/// Click-to-dial from the agent desktop in Chromium: agent 1001's SIPp phone (1000 Hz) rings
/// first, showing the number, then extension 1002's SIPp phone (1800 Hz); the packet capture
/// shows each hearing the other, and the desktop's hang-up sends both a BYE.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ClickToDialTests
{
    private static readonly TimeSpan s_listen = TimeSpan.FromSeconds(3);

    [Fact]
    [Trait("Category", "Integration")]
    public async Task DialRingsTheAgentsPhoneFirstThenTheNumberAndBridgesThem()
    {
        await using var box = await WebBox.StartAsync("demo");
        var sipp = new SippRunner(box.Service.Root);
        var phones = new AgentPhones(sipp, box.Service);
        await using var browser = await Browser.LaunchAsync();
        var desk = await browser.NewPageAsync(box.Https);
        await Browser.LoginAsync(desk, "1001", "demo");
        await desk.GotoAsync("/agent");
        await using var agent = await phones.StartAsync("1001", "agent-answers.xml", TimeSpan.FromSeconds(60));
        await using var called = await phones.StartAsync("1002", "extension-answers-1800.xml", TimeSpan.FromSeconds(60));
        await Assertions.Expect(desk.Locator("#state")).ToHaveTextAsync("ready");
        await using var capture = await PacketCapture.StartAsync(
            $"udp dst port {agent.MediaPort} or udp dst port {called.MediaPort}", box.Service.Root);

        await desk.FillAsync("#dialNumber", "99");
        await desk.ClickAsync("#dial");
        await Assertions.Expect(desk.Locator("#problem")).ToContainTextAsync("number");
        var badNumber = await PageRequests.PostAsync(desk, "/api/calls/dial", new { number = "12a" });
        await desk.FillAsync("#dialNumber", "1002");
        await desk.ClickAsync("#dial");
        await Assertions.Expect(desk.Locator("#callTitle")).ToHaveTextAsync("On call", new() { Timeout = 20_000 });
        await Assertions.Expect(desk.Locator("#caller")).ToHaveTextAsync("1002");
        await Assertions.Expect(desk.Locator("#state")).ToHaveTextAsync("busy");
        await Browser.ScreenshotAsync(desk, "agent-click-to-dial");
        var talking = DateTimeOffset.UtcNow;
        await Task.Delay(s_listen);
        var hangingUp = DateTimeOffset.UtcNow;
        await desk.ClickAsync("#hangup");
        var agentResult = await agent.Peer.WaitAsync();
        var calledResult = await called.Peer.WaitAsync();
        var datagrams = await capture.StopAsync();
        await Assertions.Expect(desk.Locator("#call")).ToBeHiddenAsync();
        await Assertions.Expect(desk.Locator("#state")).ToHaveTextAsync("ready");
        var wrapUpShown = await desk.IsVisibleAsync("#wrapUp");

        Assert.Equal(400, badNumber);
        Assert.False(wrapUpShown);
        Assert.True(agentResult.ExitCode == 0, agentResult.Describe() + "\nService:\n" + box.Service.Output);
        Assert.True(calledResult.ExitCode == 0, calledResult.Describe() + "\nService:\n" + box.Service.Output);
        var agentInvite = agentResult.Received.First(m => m.StartsWith("INVITE ", StringComparison.Ordinal));
        var calledInvite = calledResult.Received.First(m => m.StartsWith("INVITE ", StringComparison.Ordinal));
        Assert.Contains("sip:1002@", SippResult.Header(agentInvite, "From"), StringComparison.Ordinal);
        Assert.Contains("sip:1001@", SippResult.Header(calledInvite, "From"), StringComparison.Ordinal);
        AssertHeard(Heard(datagrams, agent.MediaPort, talking, hangingUp), TargetHz, "the agent");
        AssertHeard(Heard(datagrams, called.MediaPort, talking, hangingUp), AgentHz, "extension 1002");
    }
}
