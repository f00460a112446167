using System.Globalization;
using Appliance.Service.Tests.Support;
using Appliance.Web.Tests.Support;
using Microsoft.Playwright;

namespace Appliance.Web.Tests.EndToEnd;

/// <summary>
/// The supervisor's wallboard in Chromium raises an alarm when a SIPp caller waits in a queue
/// past its service-level threshold (set to 2 s through the admin API, live), and the alarm goes
/// once the call is hung up.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class WallboardAlarmTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task ACallerWaitingPastTheThresholdRaisesAQueueAlarmUntilTheCallEnds()
    {
        await using var box = await WebBox.StartAsync("demo");
        var sipp = new SippRunner(box.Service.Root);
        await using var browser = await Browser.LaunchAsync();
        var admin = await browser.NewPageAsync(box.Https);
        await Browser.LoginAsync(admin, "admin", "demo");
        var board = await browser.NewPageAsync(box.Https);
        await Browser.LoginAsync(board, "supervisor", "demo");
        await board.GotoAsync("/wallboard");
        await Assertions.Expect(board.Locator("#noAlarms")).ToBeVisibleAsync();
        var saved = await PageRequests.PostAsync(admin, "/api/admin/queues", new
        {
            name = "sales", strategy = "longest-idle", ringTimeoutSeconds = "30", serviceLevelSeconds = "2",
            holdPrompt = "hold",
        });
        await using var phone = await new AgentPhones(sipp, box.Service)
            .StartAsync("1001", "agent-rings.xml", TimeSpan.FromSeconds(90));
        var callId = $"web-alarm-{Guid.NewGuid():N}";

        await using var caller = sipp.Start(
            "caller-until-bye.xml",
            FreePorts.Sip(),
            TimeSpan.FromSeconds(90),
            box.Service.SipTarget,
            "-s", "100",
            "-cid_str", callId,
            "-mp", FreePorts.Media().ToString(CultureInfo.InvariantCulture),
            "-m", "1");
        var alarm = board.Locator("#alarms tr.alarm", new() { HasText = "sales" });
        await Assertions.Expect(alarm).ToContainTextAsync("queue-over-threshold", new() { Timeout = 30_000 });
        await Assertions.Expect(alarm).ToContainTextAsync("threshold 2 s");
        await Browser.ScreenshotAsync(board, "wallboard-alarm");
        var hangUp = await PageRequests.PostAsync(admin, $"/api/calls/{callId}/hangup");
        var callerResult = await caller.WaitAsync();
        var phoneResult = await phone.Peer.WaitAsync();
        await Assertions.Expect(board.Locator("#noAlarms")).ToBeVisibleAsync();

        Assert.Equal(200, saved);
        Assert.Equal(204, hangUp);
        Assert.True(callerResult.ExitCode == 0, callerResult.Describe() + "\nService:\n" + box.Service.Output);
        Assert.True(phoneResult.ExitCode == 0, phoneResult.Describe() + "\nService:\n" + box.Service.Output);
    }
}
