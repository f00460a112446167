using Appliance.Service.Tests.Support;
using Appliance.Web.Tests.Support;
using Microsoft.Playwright;
using static Appliance.Web.Tests.EndToEnd.Desk.HeardTones;

namespace Appliance.Web.Tests.EndToEnd.Desk;

/// <summary>
/// Listen, whisper and barge from the wallboard in Chromium: a SIPp caller (440 Hz) talks to
/// agent 1001's SIPp phone (1000 Hz); the supervisor chooses the call, names its own phone, 1005
/// (SIPp, 1800 Hz), and presses the buttons in turn. The packet capture shows who heard whom.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class SupervisionTests
{
    private static readonly TimeSpan s_listen = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan s_settle = TimeSpan.FromMilliseconds(700);

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ListenHearsBothSidesWhisperReachesOnlyTheAgentAndBargeReachesEveryone()
    {
        await using var floor = await DeskFloor.StartAsync("agent-answers.xml");
        await using var supervisor = await floor.Phones.StartAsync("1005", "extension-answers-1800.xml", TimeSpan.FromSeconds(90));
        await using var capture = await floor.CaptureAsync(supervisor.MediaPort);
        var wallboard = await floor.Browser.NewPageAsync(floor.Box.Https);
        await Browser.LoginAsync(wallboard, "supervisor", "demo");
        await wallboard.GotoAsync("/wallboard");
        await Assertions.Expect(wallboard.Locator($"#superviseCall option[value='{floor.CallId}']")).ToHaveCountAsync(1);

        await wallboard.SelectOptionAsync("#superviseCall", floor.CallId);
        await wallboard.FillAsync("#supervisorPhone", "1005");
        await wallboard.ClickAsync("#listen");
        await Assertions.Expect(wallboard.Locator("#superviseState")).ToHaveTextAsync("listen from 1005");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var listening = DateTimeOffset.UtcNow;
        await Task.Delay(s_listen);
        var whispering = DateTimeOffset.UtcNow;
        await wallboard.ClickAsync("#whisper");
        await Assertions.Expect(wallboard.Locator("#superviseState")).ToHaveTextAsync("whisper from 1005");
        await Task.Delay(s_listen);
        var barging = DateTimeOffset.UtcNow;
        await wallboard.ClickAsync("#barge");
        await Assertions.Expect(wallboard.Locator("#superviseState")).ToHaveTextAsync("barge from 1005");
        await Browser.ScreenshotAsync(wallboard, "wallboard-barge");
        await Task.Delay(s_listen);
        var end = DateTimeOffset.UtcNow;
        var badMode = await PageRequests.PostAsync(
            wallboard, $"/api/calls/{floor.CallId}/supervise", new { mode = "shout", extension = "1005" });
        var agentMay = await PageRequests.PostAsync(
            floor.Desk, $"/api/calls/{floor.CallId}/supervise", new { mode = "listen", extension = "1001" });
        var hangUp = await PageRequests.PostAsync(floor.Admin, $"/api/calls/{floor.CallId}/hangup");
        var results = await floor.WaitAsync(supervisor.Peer);
        var datagrams = await capture.StopAsync();
        var audit = await (await floor.Admin.APIRequest.GetAsync("/api/admin/audit")).TextAsync();

        Assert.Equal(400, badMode);
        Assert.Equal(403, agentMay);
        Assert.Equal(204, hangUp);
        floor.AssertPeersPassed(results);
        Assert.Contains($"call {floor.CallId}: barge from 1005", audit, StringComparison.Ordinal);
        AssertWindow(floor, supervisor.MediaPort, datagrams, listening + s_settle, whispering, "listen",
            supervisorHears: true, agentHearsSupervisor: false, callerHearsSupervisor: false);
        AssertWindow(floor, supervisor.MediaPort, datagrams, whispering + s_settle, barging, "whisper",
            supervisorHears: true, agentHearsSupervisor: true, callerHearsSupervisor: false);
        AssertWindow(floor, supervisor.MediaPort, datagrams, barging + s_settle, end, "barge",
            supervisorHears: true, agentHearsSupervisor: true, callerHearsSupervisor: true);
    }

    private static void AssertWindow(
        DeskFloor floor,
        int supervisorPort,
        IReadOnlyList<CapturedDatagram> datagrams,
        DateTimeOffset from,
        DateTimeOffset to,
        string mode,
        bool supervisorHears,
        bool agentHearsSupervisor,
        bool callerHearsSupervisor)
    {
        var caller = Heard(datagrams, floor.CallerMediaPort, from, to);
        var agent = Heard(datagrams, floor.AgentMediaPort, from, to);
        var supervisor = Heard(datagrams, supervisorPort, from, to);
        AssertHeard(caller, AgentHz, $"the caller ({mode})");
        AssertHeard(agent, CallerHz, $"the agent ({mode})");
        if (supervisorHears)
        {
            AssertHeard(supervisor, CallerHz, $"the supervisor ({mode})");
            AssertHeard(supervisor, AgentHz, $"the supervisor ({mode})");
        }

        Action<short[], double, string> agentCheck = agentHearsSupervisor ? AssertHeard : AssertNotHeard;
        agentCheck(agent, TargetHz, $"the agent ({mode})");
        Action<short[], double, string> callerCheck = callerHearsSupervisor ? AssertHeard : AssertNotHeard;
        callerCheck(caller, TargetHz, $"the caller ({mode})");
    }
}
