using System.Globalization;
using Appliance.Media.Tones;
using Appliance.Service.Tests.Support;
using Appliance.Web.Tests.Support;
using Microsoft.Playwright;
using SQLite;

namespace Appliance.Web.Tests.EndToEnd.Desk;

/// <summary>
/// The call pop, hold, resume and wrap-up on the agent desktop in Chromium, with a SIPp caller
/// (440 Hz) on DID 100 key 1 and agent 1001's SIPp phone (1000 Hz). An admin has given queue sales
/// a 120 s wrap-up, defined two disposition codes and put two <c>set</c> nodes before the menu of
/// flow main, as a customer lookup would: the pop shows the customer's name and account. What the phones received is read from a packet capture: on
/// hold the caller hears the hold music and not the agent, the agent's phone gets no RTP and no
/// re-INVITE (its scenario would fail on one); on resume both hear each other again. After the
/// desktop's hang-up the wrap-up form asks for a code, a wrong one is refused naming
/// <c>code</c>, Done stores the code on the call's record and the agent is ready at once.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class HoldAndWrapUpTests
{
    private const double CallerToneHz = 440;
    private const double AgentToneHz = 1000;
    private const int WindowSamples = 2000;
    // The SIPp tones are at -6 dBFS (power 0.25); -30 dBFS counts as heard.
    private const double HeardPower = 0.001;
    private static readonly TimeSpan s_listen = TimeSpan.FromSeconds(3);

    // The demo flow with what a customer lookup node would have set before the menu.
    private const string FlowWithCustomer = """
        {
          "name": "main", "version": 2, "start": "name",
          "nodes": [
            { "id": "name", "type": "set", "variable": "customer.name", "value": "Ada Lovelace", "next": "account" },
            { "id": "account", "type": "set", "variable": "customer.account", "value": "AC-1815", "next": "menu" },
            { "id": "menu", "type": "menu", "greeting": "welcome", "prompts": ["menu"],
              "choices": { "1": "sales", "2": "support" }, "timeoutSeconds": 5, "retries": 2,
              "invalidPrompt": "invalid", "invalid": "support" },
            { "id": "sales", "type": "queue", "queue": "sales" },
            { "id": "support", "type": "queue", "queue": "support" }
          ]
        }
        """;

    [Fact]
    [Trait("Category", "Integration")]
    public async Task DesktopPopsTheCustomerHoldsTheCallerAndWrapUpStoresTheCodeAndFreesTheAgent()
    {
        await using var box = await WebBox.StartAsync("demo");
        var sipp = new SippRunner(box.Service.Root);
        await using var browser = await Browser.LaunchAsync();
        var admin = await browser.NewPageAsync(box.Https);
        await Browser.LoginAsync(admin, "admin", "demo");
        var queueSaved = await PageRequests.PostAsync(admin, "/api/admin/queues", new
        {
            name = "sales", strategy = "longest-idle", ringTimeoutSeconds = "20", wrapUpSeconds = "120",
            serviceLevelSeconds = "20", holdPrompt = "hold",
        });
        var resolved = await PageRequests.PostAsync(admin, "/api/admin/dispositions", new { code = "resolved", name = "Resolved" });
        var escalated = await PageRequests.PostAsync(admin, "/api/admin/dispositions", new { code = "escalated", name = "Escalated" });
        var badCode = await PageRequests.PostAsync(admin, "/api/admin/dispositions", new { code = "no good", name = "x" });
        var flowSaved = await PageRequests.PostAsync(admin, "/api/admin/flows", new { json = FlowWithCustomer });
        var desk = await browser.NewPageAsync(box.Https);
        await Browser.LoginAsync(desk, "1001", "demo");
        await desk.GotoAsync("/agent");
        await using var phone = await new AgentPhones(sipp, box.Service)
            .StartAsync("1001", "agent-answers.xml", TimeSpan.FromSeconds(90));
        await Assertions.Expect(desk.Locator("#state")).ToHaveTextAsync("ready");
        var callId = $"web-hold-{Guid.NewGuid():N}";
        var callerMediaPort = FreePorts.Media();
        await using var capture = await PacketCapture.StartAsync(
            $"udp dst port {callerMediaPort} or udp dst port {phone.MediaPort}", box.Service.Root);

        await using var caller = sipp.Start(
            "caller-until-bye.xml",
            FreePorts.Sip(),
            TimeSpan.FromSeconds(90),
            box.Service.SipTarget,
            "-s", "100",
            "-cid_str", callId,
            "-mp", callerMediaPort.ToString(CultureInfo.InvariantCulture),
            "-m", "1");
        await Assertions.Expect(desk.Locator("#callTitle")).ToHaveTextAsync("On call", new() { Timeout = 30_000 });
        await Assertions.Expect(desk.Locator("#customerName")).ToHaveTextAsync("Ada Lovelace");
        await Assertions.Expect(desk.Locator("#customerAccount")).ToHaveTextAsync("AC-1815");
        await Assertions.Expect(desk.Locator("#variables")).ToContainTextAsync("customer.account");
        await Browser.ScreenshotAsync(desk, "agent-call-pop-customer");
        var talkingInCall = await PageRequests.PostAsync(desk, $"/api/calls/{callId}/wrap-up", new { code = "resolved" });

        // The recording buttons show only where the API has the pause route.
        var openApi = await (await desk.APIRequest.GetAsync("/openapi/v1.json")).TextAsync();
        var canPause = openApi.Contains("/api/calls/{callId}/recording/pause", StringComparison.Ordinal);
        var pauseShown = await desk.IsVisibleAsync("#pauseRecording");
        if (canPause)
        {
            await desk.ClickAsync("#pauseRecording");
            await Assertions.Expect(desk.Locator("#resumeRecording")).ToBeVisibleAsync();
            await desk.ClickAsync("#resumeRecording");
            await Assertions.Expect(desk.Locator("#pauseRecording")).ToBeVisibleAsync();
        }
        await Task.Delay(s_listen);
        var holdFrom = DateTimeOffset.UtcNow;
        await desk.ClickAsync("#hold");
        await Assertions.Expect(desk.Locator("#callTitle")).ToHaveTextAsync("On hold");
        await Browser.ScreenshotAsync(desk, "agent-on-hold");
        await Task.Delay(s_listen);
        var resumeFrom = DateTimeOffset.UtcNow;
        await desk.ClickAsync("#resume");
        await Assertions.Expect(desk.Locator("#callTitle")).ToHaveTextAsync("On call");
        await Task.Delay(s_listen);
        var hangUpFrom = DateTimeOffset.UtcNow;
        await desk.ClickAsync("#hangup");
        var callerResult = await caller.WaitAsync();
        var phoneResult = await phone.Peer.WaitAsync();
        var datagrams = await capture.StopAsync();
        await Assertions.Expect(desk.Locator("#wrapUp")).ToBeVisibleAsync();
        await Assertions.Expect(desk.Locator("#state")).ToHaveTextAsync("wrap-up");
        await Browser.ScreenshotAsync(desk, "agent-wrap-up");
        var wrongCode = await PageRequests.PostAsync(desk, $"/api/calls/{callId}/wrap-up", new { code = "sold" });
        await desk.SelectOptionAsync("#disposition", "escalated");
        await desk.ClickAsync("#wrapDone");
        await Assertions.Expect(desk.Locator("#wrapUp")).ToBeHiddenAsync();
        await Assertions.Expect(desk.Locator("#state")).ToHaveTextAsync("ready");
        var again = await PageRequests.PostAsync(desk, $"/api/calls/{callId}/wrap-up", new { code = "resolved" });
        var stored = StoredCode(box.Service.DatabasePath, callId);
        var audit = await admin.APIRequest.GetAsync("/api/admin/audit");
        var auditText = await audit.TextAsync();

        Assert.Equal(200, queueSaved);
        Assert.Equal(204, resolved);
        Assert.Equal(204, escalated);
        Assert.Equal(400, badCode);
        Assert.Equal(200, flowSaved);
        Assert.Equal(409, talkingInCall);
        Assert.Equal(400, wrongCode);
        Assert.Equal(409, again);
        Assert.Equal("escalated", stored);
        Assert.Contains("call.held", auditText, StringComparison.Ordinal);
        Assert.Equal(canPause, pauseShown);
        if (canPause)
        {
            Assert.Contains("recording.paused", auditText, StringComparison.Ordinal);
        }
        Assert.Contains("call.wrap-up", auditText, StringComparison.Ordinal);
        Assert.True(callerResult.ExitCode == 0, callerResult.Describe() + "\nService:\n" + box.Service.Output);
        Assert.True(phoneResult.ExitCode == 0, phoneResult.Describe() + "\nService:\n" + box.Service.Output);
        var settle = TimeSpan.FromMilliseconds(500);
        var callerBefore = Heard(datagrams, callerMediaPort, holdFrom - s_listen + settle, holdFrom);
        var callerOnHold = Heard(datagrams, callerMediaPort, holdFrom + settle, resumeFrom);
        var callerAfter = Heard(datagrams, callerMediaPort, resumeFrom + settle, hangUpFrom);
        var agentOnHold = datagrams.Count(d => d.Destination.Port == phone.MediaPort
            && d.Timestamp >= holdFrom + settle && d.Timestamp < resumeFrom);
        var agentAfter = Heard(datagrams, phone.MediaPort, resumeFrom + settle, hangUpFrom);
        AssertHeard(callerBefore, AgentToneHz, "the caller before hold");
        AssertNotHeard(callerOnHold, AgentToneHz, "the caller on hold");
        Assert.True(Rms(callerOnHold) > 0.01, $"the caller on hold heard silence (RMS {Rms(callerOnHold):0.0000})");
        Assert.True(agentOnHold == 0, $"the agent's phone got {agentOnHold} RTP packets while the caller was held");
        AssertHeard(callerAfter, AgentToneHz, "the caller after resume");
        AssertHeard(agentAfter, CallerToneHz, "the agent after resume");
    }

    private static short[] Heard(
        IEnumerable<CapturedDatagram> datagrams,
        int port,
        DateTimeOffset from,
        DateTimeOffset to) =>
        RtpAudio.ReceivedAt(datagrams.Where(d => d.Timestamp >= from && d.Timestamp < to), port);

    private static string? StoredCode(string databasePath, string callId)
    {
        using var connection = new SQLiteConnection(databasePath, SQLiteOpenFlags.ReadOnly);
        return connection.ExecuteScalar<string?>("SELECT WrapUpCode FROM Cdr WHERE CallId = ?", callId);
    }

    private static void AssertHeard(short[] audio, double frequencyHz, string who)
    {
        var powers = Powers(audio, frequencyHz);
        Assert.True(powers.Count(p => p >= HeardPower) >= 4, $"{who} did not hear {frequencyHz} Hz: {Describe(powers)}");
    }

    private static void AssertNotHeard(short[] audio, double frequencyHz, string who)
    {
        var powers = Powers(audio, frequencyHz);
        Assert.True(powers.Count >= 4, $"{who} received almost no audio");
        Assert.True(powers.All(p => p < HeardPower), $"{who} heard {frequencyHz} Hz: {Describe(powers)}");
    }

    private static List<double> Powers(short[] audio, double frequencyHz)
    {
        var powers = new List<double>();
        for (var start = 0; start + WindowSamples <= audio.Length; start += WindowSamples)
        {
            powers.Add(Goertzel.Power(audio.AsSpan(start, WindowSamples), 8000, frequencyHz));
        }

        return powers;
    }

    private static double Rms(short[] audio) =>
        audio.Length == 0 ? 0 : Math.Sqrt(audio.Average(s => (s / 32768.0) * (s / 32768.0)));

    private static string Describe(List<double> powers) =>
        string.Join(' ', powers.Select(p => (10 * Math.Log10(Math.Max(p, 1e-9))).ToString("0", CultureInfo.InvariantCulture)))
        + " dB per 250 ms window";
}
