using System.Globalization;
using Appliance.Media.Codecs;
using Appliance.Service.Tests.Support;

namespace Appliance.Service.Tests.EndToEnd;

/// <summary>
/// Calls through IVR flow documents the service takes from its flow folder (Ivr:FlowDirectory): a
/// document named "main" replaces the demo flow behind DID 100, and a SIPp caller walks it.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class IvrFlowTests
{
    private const string TransferFlow = """
        { "name": "main", "version": 2, "start": "menu",
          "nodes": [
            { "id": "menu", "type": "menu", "greeting": "welcome", "prompts": ["menu"],
              "choices": { "1": "desk", "2": "support" }, "invalid": "support" },
            { "id": "desk", "type": "transfer", "extension": "1002" },
            { "id": "support", "type": "queue", "queue": "support" } ] }
        """;

    private const string ClosedFlow = """
        { "name": "main", "version": 3, "start": "mode",
          "nodes": [
            { "id": "mode", "type": "set", "variable": "mode", "value": "closed", "next": "check" },
            { "id": "check", "type": "condition", "variable": "mode", "equals": "closed",
              "then": "closed", "else": "support" },
            { "id": "closed", "type": "hangup", "prompts": ["invalid"] },
            { "id": "support", "type": "queue", "queue": "support" } ] }
        """;

    [Fact]
    [Trait("Category", "Integration")]
    public async Task AFlowTransferRingsTheExtensionAndBridgesTheCaller()
    {
        using var flows = new FlowFolder(TransferFlow);
        await using var service = await ApplianceProcess.StartAsync($"--Ivr:FlowDirectory={flows.Path}");
        var sipp = new SippRunner(service.Root);
        await using var desk = await new AgentPhones(sipp, service)
            .StartAsync("1002", "agent-answers.xml", TimeSpan.FromSeconds(30));
        var callId = $"e2e-flow-transfer-{Guid.NewGuid():N}";

        var caller = await sipp.Start(
            "caller.xml",
            FreePorts.Sip(),
            TimeSpan.FromSeconds(34),
            service.SipTarget,
            "-s", "100",
            "-set", "talk", "4000",
            "-cid_str", callId,
            "-mp", FreePorts.Media().ToString(CultureInfo.InvariantCulture),
            "-m", "1").WaitAsync();
        var deskCall = await desk.Peer.WaitAsync();
        var cdr = await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(5));

        Assert.True(caller.ExitCode == 0, caller.Describe() + "\nService:\n" + service.Output);
        Assert.True(deskCall.ExitCode == 0, deskCall.Describe() + "\nService:\n" + service.Output);
        var invite = deskCall.Received.First(m => m.StartsWith("INVITE ", StringComparison.Ordinal));
        Assert.StartsWith($"INVITE sip:1002@127.0.0.1:{desk.SipPort}", invite, StringComparison.Ordinal);
        Assert.Contains(
            $"Call {callId} entered IVR flow main version 2", service.Output, StringComparison.Ordinal);
        Assert.NotNull(cdr);
        Assert.Equal("answered", cdr.Disposition);
        Assert.Equal("1002", cdr.Agent);
        Assert.Equal("1", cdr.IvrChoice);
        Assert.Null(cdr.Queue);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task AFlowThatSetsAVariableAndHangsUpPlaysItsPromptAndRecordsSelfService()
    {
        using var flows = new FlowFolder(ClosedFlow);
        await using var service = await ApplianceProcess.StartAsync($"--Ivr:FlowDirectory={flows.Path}");
        var sipp = new SippRunner(service.Root);
        var callerMediaPort = FreePorts.Media();
        await using var capture = await PacketCapture.StartAsync($"udp port {callerMediaPort}", service.Root);
        var callId = $"e2e-flow-closed-{Guid.NewGuid():N}";

        var caller = await sipp.Start(
            "caller-until-bye.xml",
            FreePorts.Sip(),
            TimeSpan.FromSeconds(30),
            service.SipTarget,
            "-s", "100",
            "-cid_str", callId,
            "-mp", callerMediaPort.ToString(CultureInfo.InvariantCulture),
            "-m", "1").WaitAsync();
        var datagrams = await capture.StopAsync();
        var cdr = await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(5));
        var heard = RtpAudio.ReceivedAt(datagrams, callerMediaPort);

        Assert.True(caller.ExitCode == 0, caller.Describe() + "\nService:\n" + service.Output);
        Assert.Contains(caller.ReceivedRequestLines, l => l.StartsWith("BYE ", StringComparison.Ordinal));
        var closed = PromptAudio.Read("invalid");
        Assert.True(
            PromptAudio.CountWholePlays(heard, closed, AudioCodec.Pcmu) == 1,
            "The caller did not hear the hang-up node's prompt once: "
            + PromptAudio.DescribeBestMatch(heard, closed, AudioCodec.Pcmu));
        Assert.NotNull(cdr);
        Assert.Equal("self-service", cdr.Disposition);
        Assert.Null(cdr.Queue);
        Assert.Null(cdr.Agent);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task AFlowFileWithErrorsIsRefusedByNodeAndTheStoredFlowKeepsAnswering()
    {
        using var flows = new FlowFolder("""
            { "name": "main", "version": 9, "start": "menu",
              "nodes": [ { "id": "menu", "type": "menu", "prompts": ["menu"], "invalid": "nowhere" } ] }
            """);

        await using var service = await ApplianceProcess.StartAsync($"--Ivr:FlowDirectory={flows.Path}");
        var sipp = new SippRunner(service.Root);
        var callId = $"e2e-flow-refused-{Guid.NewGuid():N}";
        var caller = await sipp.Start(
            "caller-until-bye.xml",
            FreePorts.Sip(),
            TimeSpan.FromSeconds(45),
            service.SipTarget,
            "-s", "100",
            "-cid_str", callId,
            "-mp", FreePorts.Media().ToString(CultureInfo.InvariantCulture),
            "-m", "1").WaitAsync();

        Assert.Contains("refused; the stored flow stays", service.Output, StringComparison.Ordinal);
        Assert.Contains("node 'menu', field 'choices'", service.Output, StringComparison.Ordinal);
        Assert.Contains(
            $"Call {callId} entered IVR flow main version 1", service.Output, StringComparison.Ordinal);
        Assert.True(caller.ExitCode == 0, caller.Describe() + "\nService:\n" + service.Output);
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
