using System.Globalization;
using System.Net;
using System.Text.Json;
using Appliance.Service.Tests.Support;
using Appliance.Web.Tests.Support;
using Microsoft.Playwright;

namespace Appliance.Web.Tests.EndToEnd;

/// <summary>
/// On-demand recording over HTTPS on a real call: the demo queues' policy is on-demand, so the
/// SIPp caller (440 Hz) answered by SIPp agent 1001 (1000 Hz) is not recorded. A start while the
/// caller is still in the IVR is refused 409; once bridged, agent 1001's desktop in Chromium
/// offers Record (and no pause), the agent clicks it two seconds into the talk and is offered
/// Pause instead, a second start over the API is refused 409, and after the call the indexed file
/// holds audio only from the command on and the CDR names it.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class RecordingOnDemandTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task TheAgentStartsTheRecordingOfAnOnDemandCallAndTheFileBeginsThen()
    {
        await using var box = await WebBox.StartAsync("demo");
        var sipp = new SippRunner(box.Service.Root);
        var timeout = TimeSpan.FromSeconds(60);
        using var admin = box.Client();
        await RecordingPauseTests.LoginAsync(admin, "admin");
        foreach (var queue in new[] { "sales", "support" })
        {
            using var policy = await RecordingPauseTests.PostWithCsrfAsync(admin, "/api/admin/recording-policies",
                new { queue, mode = "on-demand", format = "wav", retentionDays = "30" });
            Assert.True(policy.IsSuccessStatusCode, await policy.Content.ReadAsStringAsync());
        }

        await using var browser = await Browser.LaunchAsync();
        var desk = await browser.NewPageAsync(box.Https);
        await Browser.LoginAsync(desk, "1001", "demo");
        await desk.GotoAsync("/agent");
        await using var phone = await new AgentPhones(sipp, box.Service).StartAsync("1001", "agent-answers.xml", timeout);
        await Assertions.Expect(desk.Locator("#state")).ToHaveTextAsync("ready");
        using var agent = box.Client();
        await RecordingPauseTests.LoginAsync(agent, "1001");
        var callId = $"web-on-demand-{Guid.NewGuid():N}";
        await using var caller = sipp.Start(
            "caller.xml",
            FreePorts.Sip(),
            timeout,
            box.Service.SipTarget,
            "-s", "100",
            "-set", "talk", "10000",
            "-cid_str", callId,
            "-mp", FreePorts.Media().ToString(CultureInfo.InvariantCulture),
            "-m", "1");

        var earlyState = await WaitForStateAsync(admin, callId, TimeSpan.FromSeconds(15));
        using var notBridged = await RecordingPauseTests.PostWithCsrfAsync(admin, $"/api/calls/{callId}/recording/start");
        var answered = await RecordingPauseTests.WaitForAnsweredAsync(agent, callId, TimeSpan.FromSeconds(30));
        var before = await agent.GetStringAsync(new Uri($"/api/calls/{callId}/recording", UriKind.Relative));
        await Assertions.Expect(desk.Locator("#startRecording")).ToBeVisibleAsync();
        await Assertions.Expect(desk.Locator("#pauseRecording")).ToBeHiddenAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        await desk.ClickAsync("#startRecording");
        await Assertions.Expect(desk.Locator("#pauseRecording")).ToBeVisibleAsync();
        await Assertions.Expect(desk.Locator("#startRecording")).ToBeHiddenAsync();
        await Browser.ScreenshotAsync(desk, "desk-recording-started");
        using var again = await RecordingPauseTests.PostWithCsrfAsync(agent, $"/api/calls/{callId}/recording/start");
        var after = await agent.GetStringAsync(new Uri($"/api/calls/{callId}/recording", UriKind.Relative));
        var callerResult = await caller.WaitAsync();
        var row = await RecordingPauseTests.WaitForRecordingAsync(box.Service.DatabasePath, callId, TimeSpan.FromSeconds(15));
        var cdr = await CdrReader.WaitForAsync(box.Service.DatabasePath, callId, TimeSpan.FromSeconds(10));
        var audit = await admin.GetStringAsync(new Uri("/api/admin/audit", UriKind.Relative));

        var why = "\nService:\n" + box.Service.Output;
        Assert.NotEqual("answered", earlyState);
        Assert.True(notBridged.StatusCode == HttpStatusCode.Conflict, await notBridged.Content.ReadAsStringAsync() + why);
        Assert.Contains("not bridged", await notBridged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(answered, "the call was never answered" + why);
        Assert.Contains("\"recorded\":false", before, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already recorded", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("\"recorded\":true", after, StringComparison.Ordinal);
        Assert.True(callerResult.ExitCode == 0, callerResult.Describe() + why);
        Assert.NotNull(row);
        Assert.NotNull(cdr);
        Assert.Equal(row.Path, cdr.RecordingFile);
        Assert.Equal("wav", row.Format);
        var bytes = await File.ReadAllBytesAsync(Path.Combine(box.Service.DataDirectory, row.Path));
        Assert.Equal(bytes.Length, row.SizeBytes);
        // Begun two seconds into the talk, the file is shorter than the talk by about that much.
        Assert.True(row.DurationSeconds <= cdr.TalkSeconds - 1.0,
            $"the recording lasts {row.DurationSeconds} s of a {cdr.TalkSeconds} s talk" + why);
        Assert.True(row.DurationSeconds >= 2.0, $"the recording lasts {row.DurationSeconds} s" + why);
        Assert.True(RecordingPauseTests.Energy(bytes, 0, 8000) > 0, "no caller audio in the first second of the file");
        Assert.Contains("recording.started", audit, StringComparison.Ordinal);
    }

    // The state /api/calls gives the call as soon as it is listed.
    private static async Task<string?> WaitForStateAsync(HttpClient client, string callId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            using var calls = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/calls", UriKind.Relative)));
            var call = calls.RootElement.EnumerateArray().FirstOrDefault(c => c.GetProperty("callId").GetString() == callId);
            if (call.ValueKind == JsonValueKind.Object)
            {
                return call.GetProperty("state").GetString();
            }

            await Task.Delay(100);
        }

        return null;
    }
}
