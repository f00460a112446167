using System.Globalization;
using Appliance.Service.Tests.Support;

namespace Appliance.Service.Tests.EndToEnd;

/// <summary>
/// An agent reached without the ACD is busy to the queues: the demo's agents 1001 and 1002 are in
/// queue "sales"; a flow's menu sends digit 1 to extension 1001 and everything else to sales.
/// While 1001 talks to a caller it was transferred, a second, silent caller reaches sales; the
/// ACD must offer it to 1002.
/// </summary>
/// <remarks>
/// 1001 registers first, so without the engagement it would be the agent idle longest and rung
/// first (queue strategy LongestIdle); its SIPp phone takes one call only, so an offer to it would
/// ring out the demo's 15 s before 1002 got the call.
/// </remarks>
[Collection(EndToEndCollection.Name)]
public sealed class TransferEngagementTests
{
    private const string Flow = """
        { "name": "main", "version": 2, "start": "menu",
          "nodes": [
            { "id": "menu", "type": "menu", "prompts": ["menu"], "choices": { "1": "desk" },
              "timeoutSeconds": 1, "retries": 0, "invalid": "sales" },
            { "id": "desk", "type": "transfer", "extension": "1001" },
            { "id": "sales", "type": "queue", "queue": "sales" } ] }
        """;

    [Fact]
    [Trait("Category", "Integration")]
    public async Task AnAgentOnAFlowTransferIsNotOfferedAQueueCallUntilItEnds()
    {
        using var flows = new FlowFolder(Flow);
        await using var service = await ApplianceProcess.StartAsync($"--Ivr:FlowDirectory={flows.Path}");
        var sipp = new SippRunner(service.Root);
        var timeout = TimeSpan.FromSeconds(60);
        var phones = new AgentPhones(sipp, service);
        await using var transferred = await phones.StartAsync("1001", "agent-answers.xml", timeout);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        await using var queued = await phones.StartAsync(
            "1002", "agent-answers-hangs-up.xml", timeout, "-set", "talk", "3000");
        var firstCallId = $"e2e-engaged-transfer-{Guid.NewGuid():N}";
        var secondCallId = $"e2e-engaged-queue-{Guid.NewGuid():N}";
        await using var first = sipp.Start(
            "caller.xml",
            FreePorts.Sip(),
            timeout,
            service.SipTarget,
            "-s", "100",
            "-set", "talk", "15000",
            "-cid_str", firstCallId,
            "-mp", Port(FreePorts.Media()),
            "-m", "1");
        var connected = await service.WaitForOutputAsync(
            $"Call {firstCallId} answered by agent 1001", TimeSpan.FromSeconds(20));

        var second = await sipp.Start(
            "caller-silent-until-bye.xml",
            FreePorts.Sip(),
            timeout,
            service.SipTarget,
            "-s", "100",
            "-cid_str", secondCallId,
            "-mp", Port(FreePorts.Media()),
            "-m", "1").WaitAsync();
        var queuedCall = await queued.Peer.WaitAsync();
        var firstCall = await first.WaitAsync();
        var transferredCall = await transferred.Peer.WaitAsync();
        var cdr = await CdrReader.WaitForAsync(service.DatabasePath, secondCallId, TimeSpan.FromSeconds(5));
        var released = await service.WaitForOutputAsync(
            "Agent 1001 is off its own call",
            TimeSpan.FromSeconds(10));

        var why = "\nService:\n" + service.Output;
        Assert.True(connected, "The flow never transferred the first caller to 1001." + why);
        Assert.True(second.ExitCode == 0, second.Describe() + why);
        Assert.True(
            queuedCall.ExitCode == 0,
            "1002 did not get the queue call.\n" + queuedCall.Describe() + why);
        Assert.True(firstCall.ExitCode == 0, firstCall.Describe() + why);
        Assert.True(transferredCall.ExitCode == 0, transferredCall.Describe() + why);
        Assert.NotNull(cdr);
        Assert.Equal(("sales", "1002"), (cdr.Queue, cdr.Agent));
        Assert.True(
            cdr.WaitSeconds <= 3,
            $"The queue call waited {cdr.WaitSeconds} s: it was offered to 1001 first." + why);
        Assert.Contains("Agent 1001 is on a call of its own", service.Output, StringComparison.Ordinal);
        Assert.True(released, "1001 was not given back to the queues when the transfer ended." + why);
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
