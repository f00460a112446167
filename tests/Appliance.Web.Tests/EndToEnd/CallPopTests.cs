using System.Globalization;
using System.Text.Json;
using Appliance.Service.Tests.Support;
using Appliance.Web.Tests.Support;
using Microsoft.Playwright;

namespace Appliance.Web.Tests.EndToEnd;

/// <summary>
/// A whole call seen from the browser: agent 1001's SIPp phone registers, the agent logs in to
/// the desktop in Chromium, a SIPp caller dials DID 100 and presses 1; the desktop pops the call
/// with the caller's number, IVR choice and queue, the supervisor's wallboard shows it live, the
/// agent hangs up from the desktop (both SIPp peers get a BYE), the report counts it and its
/// recording plays as WAV.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class CallPopTests
{
    private const string CallerNumber = "5551234";

    [Fact]
    [Trait("Category", "Integration")]
    public async Task AgentDesktopPopsTheCallWallboardShowsItAndTheReportCountsIt()
    {
        await using var box = await WebBox.StartAsync("demo");
        var sipp = new SippRunner(box.Service.Root);
        await using var browser = await Browser.LaunchAsync();
        var desk = await browser.NewPageAsync(box.Https);
        await Browser.LoginAsync(desk, "1001", "demo");
        await desk.GotoAsync("/agent");
        var board = await browser.NewPageAsync(box.Https);
        await Browser.LoginAsync(board, "supervisor", "demo");
        await board.GotoAsync("/wallboard");
        await using var phone = await new AgentPhones(sipp, box.Service)
            .StartAsync("1001", "agent-answers.xml", TimeSpan.FromSeconds(60));
        await Assertions.Expect(desk.Locator("#state")).ToHaveTextAsync("ready");
        await Browser.ScreenshotAsync(desk, "agent-ready");
        var callId = $"web-pop-{Guid.NewGuid():N}";

        await using var caller = sipp.Start(
            "caller-until-bye.xml",
            FreePorts.Sip(),
            TimeSpan.FromSeconds(60),
            box.Service.SipTarget,
            "-s", "100",
            "-cid_str", callId,
            "-mp", FreePorts.Media().ToString(CultureInfo.InvariantCulture),
            "-m", "1");
        await Assertions.Expect(desk.Locator("#caller")).ToHaveTextAsync(CallerNumber, new() { Timeout = 30_000 });
        await Assertions.Expect(desk.Locator("#callTitle")).ToHaveTextAsync("On call");
        var ivr = await desk.InnerTextAsync("#ivr");
        var queue = await desk.InnerTextAsync("#queue");
        await Browser.ScreenshotAsync(desk, "agent-call-popped");
        await Assertions.Expect(board.Locator("#calls")).ToContainTextAsync(CallerNumber);
        await Assertions.Expect(board.Locator("#agents")).ToContainTextAsync("busy");
        await Browser.ScreenshotAsync(board, "wallboard");
        await desk.ClickAsync("#hangup");
        var callerResult = await caller.WaitAsync();
        var phoneResult = await phone.Peer.WaitAsync();
        var cdr = await CdrReader.WaitForAsync(box.Service.DatabasePath, callId, TimeSpan.FromSeconds(10));
        await Assertions.Expect(desk.Locator("#call")).ToBeHiddenAsync();
        await Assertions.Expect(board.Locator("#calls")).Not.ToContainTextAsync(CallerNumber);
        await Assertions.Expect(board.Locator("#gauges [data-queue=sales] .big")).ToHaveTextAsync("100%");

        Assert.Equal("1", ivr);
        Assert.Equal("sales", queue);
        Assert.True(callerResult.ExitCode == 0, callerResult.Describe() + "\nService:\n" + box.Service.Output);
        Assert.True(phoneResult.ExitCode == 0, phoneResult.Describe() + "\nService:\n" + box.Service.Output);
        Assert.NotNull(cdr);
        Assert.Equal("answered", cdr.Disposition);
        Assert.Equal("1001", cdr.Agent);

        var reports = await browser.NewPageAsync(box.Https);
        await Browser.LoginAsync(reports, "supervisor", "demo");
        await reports.GotoAsync("/reports");
        await Assertions.Expect(reports.Locator("#total")).ToHaveTextAsync("1");
        var queueRow = reports.Locator("#queues tr", new() { HasText = "sales" });
        await Assertions.Expect(queueRow).ToContainTextAsync("1");
        await Assertions.Expect(reports.Locator("#agents")).ToContainTextAsync("1001");
        await Browser.ScreenshotAsync(reports, "reports");

        await reports.GotoAsync("/recordings");
        await Assertions.Expect(reports.Locator("#rows")).ToContainTextAsync(CallerNumber);
        await Browser.ScreenshotAsync(reports, "recordings");
        var list = await reports.APIRequest.GetAsync("/api/recordings");
        using var recordings = JsonDocument.Parse(await list.TextAsync());
        var id = recordings.RootElement[0].GetProperty("id").GetInt32();
        var audio = await reports.APIRequest.GetAsync($"/api/recordings/{id}/audio");
        var wav = await audio.BodyAsync();

        Assert.Equal(200, audio.Status);
        Assert.Equal("audio/wav", audio.Headers["content-type"]);
        Assert.Equal("RIFF"u8.ToArray(), wav[..4]);
    }
}
