using Appliance.Service.Tests.Support;
using Appliance.Web.Tests.Support;
using Microsoft.Playwright;

namespace Appliance.Web.Tests.EndToEnd;

/// <summary>
/// The recording policy page in Chromium against the running demo box: a retention that is not a
/// number of days is refused with its field named, as is a format the box does not write; a
/// queue set to Opus records its next SIPp call as Ogg Opus, and a queue set to record none
/// leaves the next call it answers without a recording while the first call, under the default
/// policy, has a WAV one.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class RecordingPolicyTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task AQueueSetToRecordNoneLeavesTheNextCallUnrecorded()
    {
        await using var box = await WebBox.StartAsync("demo");
        var sipp = new SippRunner(box.Service.Root);
        await using var browser = await Browser.LaunchAsync();
        var admin = await browser.NewPageAsync(box.Https);
        await Browser.LoginAsync(admin, "admin", "demo");
        await using var phone = await new AgentPhones(sipp, box.Service)
            .StartAsync("1001", "agent-answers.xml", TimeSpan.FromSeconds(180), "-m", "3");
        var recorded = await DemoCalls.AnsweredAsync(box, sipp, admin);
        var mp3 = await PageRequests.PostAsync(admin, "/api/admin/recording-policies",
            new { queue = "sales", mode = "all", format = "mp3", retentionDays = "30" });
        var opus = await PageRequests.PostAsync(admin, "/api/admin/recording-policies",
            new { queue = "sales", mode = "all", format = "opus", retentionDays = "30" });
        var compressed = await DemoCalls.AnsweredAsync(box, sipp, admin);
        await admin.GotoAsync("/recording-policy");
        await Assertions.Expect(admin.Locator("#policies")).ToContainTextAsync("sales");

        await admin.SelectOptionAsync("#queue", "sales");
        await admin.SelectOptionAsync("#mode", "none");
        await admin.FillAsync("#retentionDays", "-1");
        await admin.ClickAsync("#policy button[type=submit]");
        await Assertions.Expect(admin.Locator("#policy .field-error[data-field='retentionDays']"))
            .ToContainTextAsync("'-1' is not a whole number of days");
        await Browser.ScreenshotAsync(admin, "recording-policy-refused");
        await admin.FillAsync("#retentionDays", "30");
        await admin.ClickAsync("#policy button[type=submit]");
        await Assertions.Expect(admin.Locator("#applied")).ToContainTextAsync("Recording policy of sales saved");
        await Assertions.Expect(admin.Locator("#policies tr", new() { HasText = "sales" })).ToContainTextAsync("none");
        await Browser.ScreenshotAsync(admin, "recording-policy");
        var unrecorded = await DemoCalls.AnsweredAsync(box, sipp, admin);
        var phoneResult = await phone.Peer.WaitAsync();
        await admin.GotoAsync("/admin");
        await Assertions.Expect(admin.Locator("body")).ToContainTextAsync("recording-policy.saved");

        Assert.Equal(400, mp3);
        Assert.Equal(200, opus);
        Assert.True(phoneResult.ExitCode == 0, phoneResult.Describe());
        Assert.Equal("sales", recorded.Queue);
        Assert.NotNull(recorded.RecordingFile);
        Assert.True(File.Exists(Path.Combine(box.Service.DataDirectory, recorded.RecordingFile)),
            "The first call's recording is not on disk.");
        Assert.EndsWith(".wav", recorded.RecordingFile, StringComparison.Ordinal);
        Assert.NotNull(compressed.RecordingFile);
        Assert.EndsWith(".opus", compressed.RecordingFile, StringComparison.Ordinal);
        var ogg = await File.ReadAllBytesAsync(Path.Combine(box.Service.DataDirectory, compressed.RecordingFile));
        Assert.True(ogg.AsSpan().StartsWith("OggS"u8), "The Opus recording does not start with an Ogg page.");
        Assert.True(ogg.AsSpan(0, Math.Min(200, ogg.Length)).IndexOf("OpusHead"u8) >= 0,
            "The Opus recording has no OpusHead header.");
        Assert.Equal("sales", unrecorded.Queue);
        Assert.Null(unrecorded.RecordingFile);
    }
}
