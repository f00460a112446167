using System.Globalization;
using System.Net;
using System.Text.Json;
using Appliance.Service.Tests.Support;

namespace Appliance.Service.Tests.EndToEnd;

/// <summary>
/// Routing changed through the admin API applies without a restart: a SIPp caller waits in a
/// queue nobody serves while agent 1002 (a SIPp phone) is added to it, and the waiting call is
/// offered to 1002 and answered; a flow naming a queue or an extension created since start on the
/// admin API is accepted at once, one naming no queue or no extension is refused with the node's
/// field named.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class LiveRoutingTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task AnAgentAddedToAQueueWhileACallWaitsTakesThatCallWithoutARestart()
    {
        await using var seeded = await ApplianceProcess.StartAsync(WebApiClient.Arguments(out var https));
        await using var service = await QueueWaitingTests.ConfigureAsync(
            seeded,
            "DELETE FROM QueueMember WHERE Queue = 'sales'",
            "UPDATE Queue SET RefuseWhen = 'never', LeaveWhen = 'never' WHERE Name = 'sales'");
        using var admin = await WebApiClient.LoginAsync(service, https);
        var sipp = new SippRunner(service.Root);
        await using var agent = await new AgentPhones(sipp, service)
            .StartAsync("1002", "agent-answers.xml", TimeSpan.FromSeconds(60));
        var callId = $"e2e-live-routing-{Guid.NewGuid():N}";
        var caller = sipp.Start(
            "caller.xml",
            FreePorts.Sip(),
            TimeSpan.FromSeconds(60),
            service.SipTarget,
            "-s", "100",
            "-set", "talk", "20000",
            "-cid_str", callId,
            "-mp", FreePorts.Media().ToString(CultureInfo.InvariantCulture),
            "-m", "1");

        var queued = await service.WaitForOutputAsync($"Call {callId} queued in sales", TimeSpan.FromSeconds(30));
        using var saved = await admin.SendAsync(
            HttpMethod.Post, "/api/admin/agents", new { agentId = "1002", queues = "sales,support" });
        var agentCall = await agent.Peer.WaitAsync();
        var callerCall = await caller.WaitAsync();
        var cdr = await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(5));

        var why = "\nService:\n" + service.Output;
        Assert.True(queued, "The caller did not wait in sales." + why);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("calls in progress", service.Output, StringComparison.Ordinal);
        Assert.True(agentCall.ExitCode == 0, "1002 was not offered the waiting call.\n" + agentCall.Describe() + why);
        Assert.True(callerCall.ExitCode == 0, callerCall.Describe() + why);
        Assert.NotNull(cdr);
        Assert.Equal(("answered", "1002", "sales"), (cdr.Disposition, cdr.Agent, cdr.Queue));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task AFlowNamingAQueueOrExtensionCreatedSinceStartIsAcceptedAndOneNamingNoQueueIsRefused()
    {
        await using var service = await ApplianceProcess.StartAsync(WebApiClient.Arguments(out var https));
        using var admin = await WebApiClient.LoginAsync(service, https);

        using var queue = await admin.SendAsync(HttpMethod.Post, "/api/admin/queues", new
        {
            name = "billing",
            strategy = "round-robin",
            ringTimeoutSeconds = "15",
            wrapUpSeconds = "0",
            serviceLevelSeconds = "20",
        });
        using var accepted = await admin.SendAsync(HttpMethod.Post, "/api/admin/flows", new { json = Flow("billing") });
        using var refused = await admin.SendAsync(HttpMethod.Post, "/api/admin/flows", new { json = Flow("nosuch") });
        using var extension = await admin.SendAsync(
            HttpMethod.Post, "/api/admin/extensions", new { number = "1042", password = "Live-routing-42" });
        using var transfer = await admin.SendAsync(
            HttpMethod.Post, "/api/admin/flows", new { json = TransferFlow("1042") });
        using var noExtension = await admin.SendAsync(
            HttpMethod.Post, "/api/admin/flows", new { json = TransferFlow("1043") });
        using var refusal = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        using var noExtensionRefusal = JsonDocument.Parse(await noExtension.Content.ReadAsStringAsync());
        using var flows = await admin.GetJsonAsync("/api/admin/flows");

        var why = "\n" + service.Output;
        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
        Assert.True(
            accepted.StatusCode == HttpStatusCode.OK,
            $"{accepted.StatusCode}: {await accepted.Content.ReadAsStringAsync()}{why}");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var queueError = refusal.RootElement.GetProperty("errors").GetProperty("q.queue")[0].GetString();
        Assert.Contains("nosuch", queueError, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, extension.StatusCode);
        Assert.True(
            transfer.StatusCode == HttpStatusCode.OK,
            $"{transfer.StatusCode}: {await transfer.Content.ReadAsStringAsync()}{why}");
        Assert.Equal(HttpStatusCode.BadRequest, noExtension.StatusCode);
        var extensionError = noExtensionRefusal.RootElement
            .GetProperty("errors").GetProperty("t.extension")[0].GetString();
        Assert.Contains("1043", extensionError, StringComparison.Ordinal);
        var stored = flows.RootElement.EnumerateArray()
            .Single(f => f.GetProperty("name").GetString() == "billing-line");
        Assert.Contains("\"billing\"", stored.GetProperty("json").GetString(), StringComparison.Ordinal);
    }

    private static string Flow(string queue) => $$"""
        { "name": "billing-line", "version": 1, "start": "q",
          "nodes": [ { "id": "q", "type": "queue", "queue": "{{queue}}" } ] }
        """;

    private static string TransferFlow(string extension) => $$"""
        { "name": "desk-line", "version": 1, "start": "t",
          "nodes": [ { "id": "t", "type": "transfer", "extension": "{{extension}}" } ] }
        """;
}
