using System.Globalization;
using Appliance.Media.Audio;
using Appliance.Media.Codecs;
using Appliance.Service.Tests.Support;
using SQLite;

namespace Appliance.Service.Tests.EndToEnd;

/// <summary>
/// A SIPp caller leaves a voicemail through a flow's voicemail node, and the mailbox's phone, a
/// SIPp UAS registered as extension 1002, receives the message-waiting NOTIFY. The owner then
/// dials *97 from its phone (SIPp with 1002's digest credentials), hears the recorded message
/// and deletes it with 7, and the lamp is turned off.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class VoicemailTests
{
    private const string VoicemailFlow = """
        { "name": "main", "version": 4, "start": "menu",
          "nodes": [
            { "id": "menu", "type": "menu", "greeting": "welcome", "prompts": ["menu"],
              "choices": { "1": "message", "2": "support" }, "invalid": "support" },
            { "id": "message", "type": "voicemail", "mailbox": "1002", "prompts": ["voicemail"],
              "maxSeconds": 30 },
            { "id": "support", "type": "queue", "queue": "support" } ] }
        """;

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ACallerLeavesAVoicemailThatIsStoredAndLightsTheMailboxLamp()
    {
        var flows = Path.Combine(Path.GetTempPath(), $"flows-{Guid.NewGuid():N}");
        Directory.CreateDirectory(flows);
        await File.WriteAllTextAsync(Path.Combine(flows, "main.json"), VoicemailFlow);
        await using var service = await ApplianceProcess.StartAsync($"--Ivr:FlowDirectory={flows}");
        var sipp = new SippRunner(service.Root);
        await using var mailbox = await new AgentPhones(sipp, service)
            .StartAsync("1002", "mailbox-notify.xml", TimeSpan.FromSeconds(40));
        var callId = $"e2e-voicemail-{Guid.NewGuid():N}";

        var caller = await LeaveMessageAsync(sipp, service, callId);
        var phone = await mailbox.Peer.WaitAsync();
        var cdr = await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(5));
        Directory.Delete(flows, recursive: true);

        Assert.True(caller.ExitCode == 0, caller.Describe() + "\nService:\n" + service.Output);
        Assert.True(
            phone.ExitCode == 0, "No NOTIFY reached the mailbox.\n" + phone.Describe() + "\n" + service.Output);
        var notify = phone.Received.First(m => m.StartsWith("NOTIFY ", StringComparison.Ordinal));
        Assert.Equal("message-summary", SippResult.Header(notify, "Event"));
        Assert.Equal("application/simple-message-summary", SippResult.Header(notify, "Content-Type"));
        Assert.Contains("Messages-Waiting: yes", notify, StringComparison.Ordinal);
        Assert.Contains("Voice-Message: 1/0", notify, StringComparison.Ordinal);
        Assert.NotNull(cdr);
        Assert.Equal("voicemail", cdr.Disposition);
        Assert.Equal("1", cdr.IvrChoice);

        var file = MessageFile(service, callId);
        var recorded = WavFile.ReadMono8k(Path.Combine(service.DataDirectory, file));
        var tones = ToneAnalysis.WindowFrequencies(recorded);
        Assert.True(
            ToneAnalysis.WindowsAt(tones, 440) >= 8,
            $"The voicemail does not hold two seconds of the caller's 440 Hz: {ToneAnalysis.Describe(tones)}");
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task TheOwnerDialsStarNinetySevenHearsTheMessageDeletesItAndTheLampGoesOut()
    {
        var flows = Path.Combine(Path.GetTempPath(), $"flows-{Guid.NewGuid():N}");
        Directory.CreateDirectory(flows);
        await File.WriteAllTextAsync(Path.Combine(flows, "main.json"), VoicemailFlow);
        await using var service = await ApplianceProcess.StartAsync($"--Ivr:FlowDirectory={flows}");
        var sipp = new SippRunner(service.Root);

        // Three NOTIFYs: lit by the new message, 0/1 once it is heard, 0/0 once it is deleted.
        await using var mailbox = await new AgentPhones(sipp, service)
            .StartAsync("1002", "mailbox-notify.xml", TimeSpan.FromSeconds(90), "-m", "3");
        var callId = $"e2e-voicemail-owner-{Guid.NewGuid():N}";
        var caller = await LeaveMessageAsync(sipp, service, callId);
        await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(5));
        var file = MessageFile(service, callId);
        var recorded = WavFile.ReadMono8k(Path.Combine(service.DataDirectory, file));
        var mediaPort = FreePorts.Media();

        await using var capture = await PacketCapture.StartAsync($"udp port {mediaPort}", service.Root);
        var owner = await DialOwnMailboxAsync(
            sipp, service, mediaPort, waitMs: 16000, TimeSpan.FromSeconds(60));
        var heard = RtpAudio.ReceivedAt(await capture.StopAsync(), mediaPort);
        var phone = await mailbox.Peer.WaitAsync();
        Directory.Delete(flows, recursive: true);

        Assert.True(caller.ExitCode == 0, caller.Describe() + "\nService:\n" + service.Output);
        Assert.True(owner.ExitCode == 0, $"*97 did not end with the box's BYE.\n{owner.Describe()}\n{service.Output}");
        Assert.True(
            PromptAudio.CountWholePlays(heard, recorded, AudioCodec.Pcmu) == 1,
            "The owner did not hear the recorded message once, whole: "
            + PromptAudio.DescribeBestMatch(heard, recorded, AudioCodec.Pcmu));
        Assert.True(
            PromptAudio.CountWholePlays(heard, PromptAudio.Read("mailbox-deleted"), AudioCodec.Pcmu) == 1,
            "The owner did not hear that the message was deleted.\n" + service.Output);
        Assert.True(phone.ExitCode == 0, "The mailbox did not get three NOTIFYs.\n" + phone.Describe());
        var notifies = phone.Received.Where(m => m.StartsWith("NOTIFY ", StringComparison.Ordinal)).ToList();
        Assert.Contains("Voice-Message: 1/0", notifies[0], StringComparison.Ordinal);
        Assert.Contains("Messages-Waiting: no", notifies[^1], StringComparison.Ordinal);
        Assert.Contains("Voice-Message: 0/0", notifies[^1], StringComparison.Ordinal);
        using var db = new SQLiteConnection(service.DatabasePath, SQLiteOpenFlags.ReadOnly);
        Assert.Equal(1, db.ExecuteScalar<int>("SELECT Deleted FROM Voicemail WHERE CallId = ?", callId));
        Assert.False(File.Exists(Path.Combine(service.DataDirectory, file)), "The deleted message's file is still there.");
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ACallerWaitingPastTheOverflowTimeLeavesAVoicemailThatLightsTheOwnersLamp()
    {
        await using var seeded = await ApplianceProcess.StartAsync();
        await using var service = await QueueWaitingTests.ConfigureAsync(
            seeded,
            "DELETE FROM QueueMember WHERE Queue = 'sales'",
            "UPDATE Queue SET RefuseWhen = 'never', LeaveWhen = 'never'",
            "UPDATE Queue SET OverflowAfterSeconds = 3, OverflowTo = 'voicemail:1002' WHERE Name = 'sales'");
        var sipp = new SippRunner(service.Root);
        await using var mailbox = await new AgentPhones(sipp, service)
            .StartAsync("1002", "mailbox-notify.xml", TimeSpan.FromSeconds(50));
        var callId = $"e2e-overflow-voicemail-{Guid.NewGuid():N}";

        var caller = await sipp.Start(
            "caller.xml",
            FreePorts.Sip(),
            TimeSpan.FromSeconds(45),
            service.SipTarget,
            "-s", "100",
            "-set", "talk", "18000",
            "-cid_str", callId,
            "-mp", FreePorts.Media().ToString(CultureInfo.InvariantCulture),
            "-m", "1").WaitAsync();
        var phone = await mailbox.Peer.WaitAsync();
        var cdr = await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(5));

        Assert.True(caller.ExitCode == 0, caller.Describe() + "\nService:\n" + service.Output);
        Assert.NotNull(cdr);
        Assert.Equal("sales", cdr.Queue);
        Assert.Equal("voicemail", cdr.Disposition);
        var file = MessageFile(service, callId);
        var recorded = WavFile.ReadMono8k(Path.Combine(service.DataDirectory, file));
        var tones = ToneAnalysis.WindowFrequencies(recorded);
        Assert.True(
            ToneAnalysis.WindowsAt(tones, 440) >= 8,
            $"The voicemail does not hold two seconds of the caller's 440 Hz: {ToneAnalysis.Describe(tones)}");
        Assert.True(
            phone.ExitCode == 0, "No NOTIFY reached the mailbox.\n" + phone.Describe() + "\n" + service.Output);
        var notify = phone.Received.First(m => m.StartsWith("NOTIFY ", StringComparison.Ordinal));
        Assert.Contains("Messages-Waiting: yes", notify, StringComparison.Ordinal);
        Assert.Contains("Voice-Message: 1/0", notify, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task APhoneRegisteringLaterGetsTheLampRetriedUntilItAnswersAndAnyCallerOpensTheMailboxWithItsPin()
    {
        var flows = Path.Combine(Path.GetTempPath(), $"flows-{Guid.NewGuid():N}");
        Directory.CreateDirectory(flows);
        await File.WriteAllTextAsync(Path.Combine(flows, "main.json"), VoicemailFlow);
        await using var seeded = await ApplianceProcess.StartAsync(
            $"--Ivr:FlowDirectory={flows}", "--Voicemail:NotifyRetry=00:00:02");
        await using var service = await QueueWaitingTests.ConfigureAsync(
            seeded, "INSERT INTO Mailbox (Number, Pin) VALUES ('1002', '3579')");
        var sipp = new SippRunner(service.Root);
        var callId = $"e2e-voicemail-pin-{Guid.NewGuid():N}";
        var caller = await LeaveMessageAsync(sipp, service, callId);
        await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(5));
        var recorded = WavFile.ReadMono8k(Path.Combine(service.DataDirectory, MessageFile(service, callId)));

        // No phone of 1002 was registered when the message was left: the lamp comes with the
        // registration, answered 503 first and 200 to the retry.
        await using var mailbox = await new AgentPhones(sipp, service)
            .StartAsync("1002", "mailbox-notify-retry.xml", TimeSpan.FromSeconds(30));
        var phone = await mailbox.Peer.WaitAsync();
        var mediaPort = FreePorts.Media();
        await using var capture = await PacketCapture.StartAsync($"udp port {mediaPort}", service.Root);
        var opener = await sipp.Start(
            "caller-mailbox-pin.xml",
            FreePorts.Sip(),
            TimeSpan.FromSeconds(45),
            service.SipTarget,
            "-s", "*981002",
            "-set", "wait", "4000",
            "-set", "talk", "16000",
            "-mp", mediaPort.ToString(CultureInfo.InvariantCulture),
            "-m", "1").WaitAsync();
        var heard = RtpAudio.ReceivedAt(await capture.StopAsync(), mediaPort);
        Directory.Delete(flows, recursive: true);

        Assert.True(caller.ExitCode == 0, caller.Describe() + "\nService:\n" + service.Output);
        Assert.True(phone.ExitCode == 0, "The NOTIFY was not retried.\n" + phone.Describe() + "\n" + service.Output);
        var notifies = phone.Received.Where(m => m.StartsWith("NOTIFY ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, notifies.Count);
        Assert.All(notifies, n => Assert.Contains("Voice-Message: 1/0", n, StringComparison.Ordinal));
        Assert.Equal(SippResult.Header(notifies[0], "Call-ID"), SippResult.Header(notifies[1], "Call-ID"));
        Assert.Equal("2 NOTIFY", SippResult.Header(notifies[1], "CSeq"));
        Assert.True(opener.ExitCode == 0, opener.Describe() + "\nService:\n" + service.Output);
        Assert.Contains("mailbox 1002 opened with its PIN", service.Output, StringComparison.Ordinal);
        Assert.True(
            PromptAudio.CountWholePlays(heard, recorded, AudioCodec.Pcmu) == 1,
            "The caller with the PIN did not hear the message once, whole: "
            + PromptAudio.DescribeBestMatch(heard, recorded, AudioCodec.Pcmu));
    }

    /// <summary>
    /// A caller who chose Chinese (1 in this flow) hears the Chinese voicemail greeting, and the
    /// owner of mailbox 1002, whose extension is set to Chinese (Extension.Language), hears its
    /// mailbox in Chinese on *97: the count, the menu's answers and the goodbye.
    /// </summary>
    [Fact]
    [Trait("Category", "Integration")]
    public async Task ACallerWhoChoseChineseAndAnOwnerWhoseExtensionIsChineseHearTheirPromptsInChinese()
    {
        using var flows = new FlowFolder("""
            { "name": "main", "version": 5, "start": "menu",
              "nodes": [
                { "id": "menu", "type": "menu", "greeting": "welcome", "prompts": ["menu"],
                  "choices": { "1": "chinese" }, "invalid": "chinese" },
                { "id": "chinese", "type": "language", "set": "zh", "next": "message" },
                { "id": "message", "type": "voicemail", "mailbox": "1002", "prompts": ["voicemail"],
                  "maxSeconds": 30 } ] }
            """);
        await using var seeded = await ApplianceProcess.StartAsync($"--Ivr:FlowDirectory={flows.Path}");
        await using var service = await QueueWaitingTests.ConfigureAsync(
            seeded, "UPDATE Extension SET Language = 'zh' WHERE Number = '1002'");
        var sipp = new SippRunner(service.Root);
        var callId = $"e2e-voicemail-zh-{Guid.NewGuid():N}";
        var callerMediaPort = FreePorts.Media();
        await using var callerCapture =
            await PacketCapture.StartAsync($"udp port {callerMediaPort}", service.Root);
        var caller = await LeaveMessageAsync(
            sipp, service, callId, callerMediaPort, talk: TimeSpan.FromSeconds(16));
        var callerHeard = RtpAudio.ReceivedAt(await callerCapture.StopAsync(), callerMediaPort);
        await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(5));
        var recorded = WavFile.ReadMono8k(Path.Combine(service.DataDirectory, MessageFile(service, callId)));

        // 7 deletes the message once it was heard whole, during the menu that follows it.
        var intro = new[] { "mailbox-you-have", "number-1", "mailbox-new-message" }
            .Sum(name => PromptAudio.Read(name, "zh").Length) + recorded.Length;
        var waitMs = (intro / 8) + 2000;
        var ownerMediaPort = FreePorts.Media();
        await using var ownerCapture =
            await PacketCapture.StartAsync($"udp port {ownerMediaPort}", service.Root);
        var owner = await DialOwnMailboxAsync(
            sipp, service, ownerMediaPort, waitMs, TimeSpan.FromSeconds(80));
        var ownerHeard = RtpAudio.ReceivedAt(await ownerCapture.StopAsync(), ownerMediaPort);

        var why = "\nService:\n" + service.Output;
        Assert.True(caller.ExitCode == 0, caller.Describe() + why);
        Assert.True(owner.ExitCode == 0, $"*97 did not end with the box's BYE.\n{owner.Describe()}{why}");
        AssertHeardOnce(callerHeard, PromptAudio.Read("voicemail", "zh"), "the Chinese voicemail greeting");
        Assert.Equal(0, PromptAudio.CountWholePlays(callerHeard, PromptAudio.Read("voicemail"), AudioCodec.Pcmu));
        AssertHeardOnce(ownerHeard, recorded, "the recorded message");
        string[] ownerPrompts = ["mailbox-you-have", "mailbox-new-message", "mailbox-deleted", "mailbox-no-more"];
        foreach (var name in ownerPrompts)
        {
            AssertHeardOnce(ownerHeard, PromptAudio.Read(name, "zh"), $"Chinese '{name}'");
            Assert.Equal(0, PromptAudio.CountWholePlays(ownerHeard, PromptAudio.Read(name), AudioCodec.Pcmu));
        }
    }

    /// <summary>The owner of 1002 dials *97 from its phone (digest credentials), listens for
    /// <paramref name="waitMs"/>, presses 7 and waits for the box's BYE.</summary>
    private static Task<SippResult> DialOwnMailboxAsync(
        SippRunner sipp,
        ApplianceProcess service,
        int mediaPort,
        int waitMs,
        TimeSpan timeout) =>
        sipp.Start(
            "mailbox-owner.xml",
            FreePorts.Sip(),
            timeout,
            service.SipTarget,
            "-s", "*97",
            "-key", "agent", "1002",
            "-au", "1002",
            "-ap", "sparkle-1002",
            "-auth_uri", $"*97@{service.SipTarget}",
            "-set", "wait", waitMs.ToString(CultureInfo.InvariantCulture),
            "-mp", mediaPort.ToString(CultureInfo.InvariantCulture),
            "-m", "1").WaitAsync();

    private static void AssertHeardOnce(short[] heard, short[] prompt, string what) =>
        Assert.True(
            PromptAudio.CountWholePlays(heard, prompt, AudioCodec.Pcmu) == 1,
            $"{what} was not heard once, whole: " + PromptAudio.DescribeBestMatch(heard, prompt, AudioCodec.Pcmu));

    /// <summary>A SIPp caller on the trunk presses 1 in the flow's menu and talks into mailbox 1002.</summary>
    private static Task<SippResult> LeaveMessageAsync(
        SippRunner sipp,
        ApplianceProcess service,
        string callId,
        int? mediaPort = null,
        TimeSpan? talk = null)
    {
        var talkMs = (int)(talk ?? TimeSpan.FromSeconds(11)).TotalMilliseconds;
        return sipp.Start(
            "caller.xml",
            FreePorts.Sip(),
            TimeSpan.FromSeconds(45),
            service.SipTarget,
            "-s", "100",
            "-set", "talk", talkMs.ToString(CultureInfo.InvariantCulture),
            "-cid_str", callId,
            "-mp", (mediaPort ?? FreePorts.Media()).ToString(CultureInfo.InvariantCulture),
            "-m", "1").WaitAsync();
    }

    private static string MessageFile(ApplianceProcess service, string callId)
    {
        using var db = new SQLiteConnection(service.DatabasePath, SQLiteOpenFlags.ReadOnly);
        var file = db.ExecuteScalar<string>(
            "SELECT File FROM Voicemail WHERE CallId = ? AND Mailbox = '1002'", callId);
        Assert.False(string.IsNullOrEmpty(file), "No Voicemail row for the call.");
        return file;
    }
}
