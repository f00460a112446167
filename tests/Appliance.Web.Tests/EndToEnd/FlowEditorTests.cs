using Appliance.Service.Tests.Support;
using Appliance.Web.Tests.Support;
using Microsoft.Playwright;

namespace Appliance.Web.Tests.EndToEnd;

/// <summary>
/// The IVR flow editor in Chromium against the running demo box: a flow naming a queue the box
/// does not have is refused with its node and field named and changes nothing; a good version
/// is saved, listed as the running version, and the next SIPp call to DID 100 follows it.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class FlowEditorTests
{
    // Version 2 of the demo flow sends every caller straight to support, where version 1 sends a
    // caller who presses 1 (as caller-until-bye.xml does) to sales.
    private const string StraightToSupport = """
        { "name": "main", "version": 2, "start": "support",
          "nodes": [ { "id": "support", "type": "queue", "queue": "support" } ] }
        """;

    [Fact]
    [Trait("Category", "Integration")]
    public async Task AFlowNamingAMissingQueueIsRefusedByNodeAndFieldAndAGoodVersionRoutesTheNextCall()
    {
        await using var box = await WebBox.StartAsync("demo");
        var sipp = new SippRunner(box.Service.Root);
        await using var browser = await Browser.LaunchAsync();
        var admin = await browser.NewPageAsync(box.Https);
        await Browser.LoginAsync(admin, "admin", "demo");
        await admin.GotoAsync("/flows");
        await Assertions.Expect(admin.Locator("#flows")).ToContainTextAsync("main");
        await Assertions.Expect(admin.Locator("#json")).Not.ToBeEmptyAsync();
        var callId = $"web-flow-{Guid.NewGuid():N}";

        await admin.FillAsync("#json", StraightToSupport.Replace("\"queue\": \"support\"", "\"queue\": \"nosuch\"",
            StringComparison.Ordinal));
        await admin.ClickAsync("#flow button[type=submit]");
        await Assertions.Expect(admin.Locator("#flow .field-error[data-field='support.queue']"))
            .ToContainTextAsync("no queue 'nosuch'");
        await Assertions.Expect(admin.Locator("#problems")).ToContainTextAsync("node 'support', field 'queue'");
        await Assertions.Expect(admin.Locator("#flows tr", new() { HasText = "main" })).ToContainTextAsync("1");
        await Browser.ScreenshotAsync(admin, "flows-refused");
        await admin.FillAsync("#json", StraightToSupport);
        await admin.ClickAsync("#flow button[type=submit]");
        await Assertions.Expect(admin.Locator("#applied")).ToContainTextAsync("Flow main saved");
        await Assertions.Expect(admin.Locator("#flows tr", new() { HasText = "main" })).ToContainTextAsync("2");
        await Browser.ScreenshotAsync(admin, "flows");
        await using var phone = await new AgentPhones(sipp, box.Service)
            .StartAsync("1001", "agent-answers.xml", TimeSpan.FromSeconds(60));
        await using var caller = DemoCalls.Place(box, sipp, "100", callId, TimeSpan.FromSeconds(60));
        var answered = await DemoCalls.WaitForCallStateAsync(admin, callId, "answered");
        // caller-until-bye.xml plays 2 s of tone and its digit before it waits for the BYE; a BYE
        // sooner is one SIPp does not expect.
        await Task.Delay(TimeSpan.FromSeconds(4));
        var hangUp = await PageRequests.PostAsync(admin, $"/api/calls/{callId}/hangup");
        var callerResult = await caller.WaitAsync();
        await phone.Peer.WaitAsync();
        var cdr = await CdrReader.WaitForAsync(box.Service.DatabasePath, callId, TimeSpan.FromSeconds(10));
        await admin.GotoAsync("/admin");
        await Assertions.Expect(admin.Locator("body")).ToContainTextAsync("flow.saved");

        Assert.True(answered, "The call to DID 100 was not answered. Service:\n" + box.Service.Output);
        Assert.Equal(204, hangUp);
        Assert.True(callerResult.ExitCode == 0, callerResult.Describe() + "\nService:\n" + box.Service.Output);
        Assert.NotNull(cdr);
        Assert.Equal("support", cdr.Queue);
    }
}
