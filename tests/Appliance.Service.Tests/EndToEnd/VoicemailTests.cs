using System.Globalization;
using Appliance.Media.Audio;
using Appliance.Service.Tests.Support;
using SQLite;

namespace Appliance.Service.Tests.EndToEnd;

/// <summary>
/// A SIPp caller leaves a voicemail through a flow's voicemail node, and the mailbox's phone, a
/// SIPp UAS registered as extension 1002, receives the message-waiting NOTIFY.
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

        var caller = await sipp.Start(
            "caller.xml",
            FreePorts.Sip(),
            TimeSpan.FromSeconds(45),
            service.SipTarget,
            "-s", "100",
            "-set", "talk", "11000",
            "-cid_str", callId,
            "-mp", FreePorts.Media().ToString(CultureInfo.InvariantCulture),
            "-m", "1").WaitAsync();
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

        using var db = new SQLiteConnection(service.DatabasePath, SQLiteOpenFlags.ReadOnly);
        var file = db.ExecuteScalar<string>(
            "SELECT File FROM Voicemail WHERE CallId = ? AND Mailbox = '1002'", callId);
        Assert.False(string.IsNullOrEmpty(file), "No Voicemail row for the call.");
        var recorded = WavFile.ReadMono8k(Path.Combine(service.DataDirectory, file));
        var tones = ToneAnalysis.WindowFrequencies(recorded);
        Assert.True(
            ToneAnalysis.WindowsAt(tones, 440) >= 8,
            $"The voicemail does not hold two seconds of the caller's 440 Hz: {ToneAnalysis.Describe(tones)}");
    }
}
