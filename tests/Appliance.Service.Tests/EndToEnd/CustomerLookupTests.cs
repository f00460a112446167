using System.Globalization;
using Appliance.Media.Codecs;
using Appliance.Service.Tests.Support;
using Appliance.Telephony.Prompts;
using Serilog;
using SQLite;

namespace Appliance.Service.Tests.EndToEnd;

/// <summary>
/// Callers found in the customer table by the IVR's lookup node: a flow document "main" replaces
/// the demo flow behind DID 100, customers are written into the service's database, and SIPp
/// callers from their numbers walk it.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CustomerLookupTests
{
    private const string GreetingFlow = """
        { "name": "main", "version": 5, "start": "who",
          "nodes": [
            { "id": "who", "type": "lookup", "known": "greet", "unknown": "support" },
            { "id": "greet", "type": "menu", "greeting": "say:Hello ${customer.name}.",
              "prompts": ["confirm-identity"], "choices": { "1": "confirmed", "2": "support" },
              "timeoutSeconds": 10, "retries": 0, "invalid": "support" },
            { "id": "confirmed", "type": "queue", "queue": "sales", "priority": "${customer.vip}" },
            { "id": "support", "type": "queue", "queue": "support" } ] }
        """;

    private const string VipFlow = """
        { "name": "main", "version": 6, "start": "who",
          "nodes": [
            { "id": "who", "type": "lookup", "known": "vip", "unknown": "line" },
            { "id": "vip", "type": "queue", "queue": "support", "priority": "${customer.vip}" },
            { "id": "line", "type": "queue", "queue": "support" } ] }
        """;

    [Fact]
    [Trait("Category", "Integration")]
    public async Task AKnownCallerHearsItsNameThenConfirmsWithOneKeyAndReachesTheConfirmedQueue()
    {
        using var flows = new FlowFolder(GreetingFlow);
        await using var seeded = await ApplianceProcess.StartAsync($"--Ivr:FlowDirectory={flows.Path}");
        await using var service = await ConfigureAsync(
            seeded,
            "INSERT INTO Customer (Account, Name, Numbers, VipPriority, Language) "
            + "VALUES ('A-100', 'Ada Lovelace', '5550101,+445550101', 0, 'en')");
        var sipp = new SippRunner(service.Root);
        await using var agent = await new AgentPhones(sipp, service)
            .StartAsync("1001", "agent-answers.xml", TimeSpan.FromSeconds(40));
        var callerMediaPort = FreePorts.Media();
        await using var capture = await PacketCapture.StartAsync($"udp port {callerMediaPort}", service.Root);
        var callId = $"e2e-customer-greet-{Guid.NewGuid():N}";

        var caller = await CallerAs(
            sipp,
            service,
            "5550101",
            callId,
            callerMediaPort,
            pressMs: 9000,
            talkMs: 3000,
            TimeSpan.FromSeconds(40)).WaitAsync();
        var agentCall = await agent.Peer.WaitAsync();
        var datagrams = await capture.StopAsync();
        var cdr = await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(5));
        var heard = RtpAudio.ReceivedAt(datagrams, callerMediaPort);
        var greeting = await new SpeechSynthesizer(new LoggerConfiguration().CreateLogger())
            .SpeakAsync("Hello Ada Lovelace.", "en");

        Assert.True(caller.ExitCode == 0, caller.Describe() + "\nService:\n" + service.Output);
        Assert.True(agentCall.ExitCode == 0, agentCall.Describe() + "\nService:\n" + service.Output);
        Assert.Contains(
            $"Call {callId}: caller 5550101 is customer A-100", service.Output, StringComparison.Ordinal);
        Assert.NotEmpty(greeting);
        Assert.True(
            PromptAudio.CountWholePlays(heard, greeting, AudioCodec.Pcmu) == 1,
            "The caller did not hear its greeting by name once, whole: "
            + PromptAudio.DescribeBestMatch(heard, greeting, AudioCodec.Pcmu));
        var question = PromptAudio.Read("confirm-identity");
        Assert.True(
            PromptAudio.CountWholePlays(heard, question, AudioCodec.Pcmu) == 1,
            "The caller did not hear the confirmation question once, whole: "
            + PromptAudio.DescribeBestMatch(heard, question, AudioCodec.Pcmu));
        Assert.NotNull(cdr);
        Assert.Equal("sales", cdr.Queue);
        Assert.Equal("1", cdr.IvrChoice);
        Assert.Equal("answered", cdr.Disposition);
        Assert.Equal("1001", cdr.Agent);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task AVipCallerIsAnsweredAheadOfACallerWhoWasWaitingLonger()
    {
        using var flows = new FlowFolder(VipFlow);
        await using var seeded = await ApplianceProcess.StartAsync($"--Ivr:FlowDirectory={flows.Path}");
        // Calls wait in "support" with nobody logged in, so both are in line before the agent comes.
        await using var service = await ConfigureAsync(
            seeded,
            "INSERT INTO Customer (Account, Name, Numbers, VipPriority, Language) "
            + "VALUES ('V-7', 'Grace Hopper', '5550199', 10, 'en')",
            "UPDATE Queue SET RefuseWhen = 'never', LeaveWhen = 'never' WHERE Name = 'support'");
        var sipp = new SippRunner(service.Root);
        var earlyId = $"e2e-customer-early-{Guid.NewGuid():N}";
        var vipId = $"e2e-customer-vip-{Guid.NewGuid():N}";

        await using var early = CallerAs(
            sipp,
            service,
            "5550100",
            earlyId,
            FreePorts.Media(),
            pressMs: 1000,
            talkMs: 25000,
            TimeSpan.FromSeconds(60));
        Assert.True(
            await service.WaitForOutputAsync($"Call {earlyId} left IVR flow main", TimeSpan.FromSeconds(20)),
            "The first caller never reached the queue.\nService:\n" + service.Output);
        await using var vip = CallerAs(
            sipp,
            service,
            "5550199",
            vipId,
            FreePorts.Media(),
            pressMs: 1000,
            talkMs: 6000,
            TimeSpan.FromSeconds(60));
        Assert.True(
            await service.WaitForOutputAsync($"Call {vipId} left IVR flow main", TimeSpan.FromSeconds(20)),
            "The VIP caller never reached the queue.\nService:\n" + service.Output);
        await using var agent = await new AgentPhones(sipp, service)
            .StartAsync("1001", "agent-answers.xml", TimeSpan.FromSeconds(40));
        var vipCall = await vip.WaitAsync();
        var agentCall = await agent.Peer.WaitAsync();
        var earlyCall = await early.WaitAsync();
        var vipCdr = await CdrReader.WaitForAsync(service.DatabasePath, vipId, TimeSpan.FromSeconds(5));
        var earlyCdr = await CdrReader.WaitForAsync(service.DatabasePath, earlyId, TimeSpan.FromSeconds(5));

        Assert.True(vipCall.ExitCode == 0, vipCall.Describe() + "\nService:\n" + service.Output);
        Assert.True(agentCall.ExitCode == 0, agentCall.Describe() + "\nService:\n" + service.Output);
        Assert.True(earlyCall.ExitCode == 0, earlyCall.Describe() + "\nService:\n" + service.Output);
        Assert.Contains(
            $"Call {vipId} left IVR flow main at node vip for queue support (priority 10",
            service.Output,
            StringComparison.Ordinal);
        Assert.NotNull(vipCdr);
        Assert.Equal("answered", vipCdr.Disposition);
        Assert.Equal("1001", vipCdr.Agent);
        Assert.NotNull(earlyCdr);
        Assert.Equal("abandoned", earlyCdr.Disposition);
        Assert.Null(earlyCdr.Agent);
    }

    /// <summary>Stops the freshly seeded service, changes its database, and starts it again.</summary>
    [Fact]
    [Trait("Category", "Integration")]
    public async Task ACallerWhoseFromUserIsPercentEscapedIsLookedUpAndRecordedUnescaped()
    {
        using var flows = new FlowFolder(VipFlow);
        await using var seeded = await ApplianceProcess.StartAsync($"--Ivr:FlowDirectory={flows.Path}");
        await using var service = await ConfigureAsync(
            seeded,
            "INSERT INTO Customer (Account, Name, Numbers, VipPriority, Language) "
            + "VALUES ('A-100', 'Ada Lovelace', '+445550101', 0, 'en')",
            "UPDATE Queue SET RefuseWhen = 'never', LeaveWhen = 'never' WHERE Name = 'support'");
        var sipp = new SippRunner(service.Root);
        var callId = $"e2e-customer-escaped-{Guid.NewGuid():N}";

        // RFC 3261 §19.1.2: %2B is the '+' a carrier may escape in the user part.
        var caller = await CallerAs(
            sipp,
            service,
            "%2B445550101",
            callId,
            FreePorts.Media(),
            pressMs: 1000,
            talkMs: 2000,
            TimeSpan.FromSeconds(40)).WaitAsync();
        var cdr = await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(5));

        Assert.True(caller.ExitCode == 0, caller.Describe() + "\nService:\n" + service.Output);
        Assert.Contains(
            $"Call {callId}: caller +445550101 is customer A-100", service.Output, StringComparison.Ordinal);
        Assert.NotNull(cdr);
        Assert.Equal("+445550101", cdr.CallerNumber);
    }

    /// <summary>Starts caller-as.xml on DID 100 from <paramref name="number"/> as the From user.</summary>
    private static SippPeer CallerAs(
        SippRunner sipp,
        ApplianceProcess service,
        string number,
        string callId,
        int mediaPort,
        int pressMs,
        int talkMs,
        TimeSpan timeout) =>
        sipp.Start(
            "caller-as.xml",
            FreePorts.Sip(),
            timeout,
            service.SipTarget,
            "-s", "100",
            "-key", "caller", number,
            "-set", "press", pressMs.ToString(CultureInfo.InvariantCulture),
            "-set", "talk", talkMs.ToString(CultureInfo.InvariantCulture),
            "-cid_str", callId,
            "-mp", mediaPort.ToString(CultureInfo.InvariantCulture),
            "-m", "1");

    private static async Task<ApplianceProcess> ConfigureAsync(ApplianceProcess seeded, params string[] statements)
    {
        await seeded.StopGracefullyAsync(TimeSpan.FromSeconds(20));
        using (var db = new SQLiteConnection(seeded.DatabasePath))
        {
            foreach (var statement in statements)
            {
                db.Execute(statement);
            }
        }

        return await seeded.StartAgainAsync();
    }

    /// <summary>A temporary flow folder holding one document, removed afterwards.</summary>
    private sealed class FlowFolder : IDisposable
    {
        public FlowFolder(string json)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"flows-{Guid.NewGuid():N}");
            Directory.CreateDirectory(Path);
            File.WriteAllText(System.IO.Path.Combine(Path, "main.json"), json);
        }

        public string Path { get; }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
