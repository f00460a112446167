using Appliance.Service.Tests.Support;
using Appliance.Web.Tests.Support;
using Microsoft.Playwright;

namespace Appliance.Web.Tests.EndToEnd;

/// <summary>
/// The routing page in Chromium against the running box, with no restart in between: a DID the
/// admin adds routes the next SIPp call to the queue; while that call is bridged the admin
/// changes the queue's ring timeout and wrap-up, a bad value is refused with its field named,
/// and the call stays up until it is hung up.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class RoutingPageTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task ADidAddedLiveRoutesTheNextCallAndAQueueChangeLeavesTheBridgedCallUp()
    {
        await using var box = await WebBox.StartAsync("demo");
        var sipp = new SippRunner(box.Service.Root);
        await using var browser = await Browser.LaunchAsync();
        var admin = await browser.NewPageAsync(box.Https);
        await Browser.LoginAsync(admin, "admin", "demo");
        await admin.GotoAsync("/routing");
        await Assertions.Expect(admin.Locator("#queues")).ToContainTextAsync("sales");
        await using var phone = await new AgentPhones(sipp, box.Service)
            .StartAsync("1001", "agent-answers.xml", TimeSpan.FromSeconds(90));
        var callId = $"web-routing-{Guid.NewGuid():N}";

        await admin.FillAsync("#didNumber", "300");
        await admin.SelectOptionAsync("#targetKind", "queue");
        await admin.FillAsync("#targetName", "nosuch");
        await admin.ClickAsync("#did button[type=submit]");
        await Assertions.Expect(admin.Locator("#did .field-error[data-field=targetName]"))
            .ToContainTextAsync("queue 'nosuch' does not exist");
        await admin.FillAsync("#didNumber", "200");
        await admin.SelectOptionAsync("#targetKind", "queue");
        await admin.FillAsync("#targetName", "sales");
        await admin.ClickAsync("#did button[type=submit]");
        await Assertions.Expect(admin.Locator("#dids")).ToContainTextAsync("200");
        await Assertions.Expect(admin.Locator("#dids")).Not.ToContainTextAsync("300");
        await using var caller = DemoCalls.Place(box, sipp, "200", callId, TimeSpan.FromSeconds(90));
        var bridged = await DemoCalls.WaitForCallStateAsync(admin, callId, "answered");
        var answeredAt = System.Diagnostics.Stopwatch.StartNew();

        await admin.Locator("#queues tr", new() { HasText = "sales" }).ClickAsync();
        await admin.FillAsync("#ringTimeoutSeconds", "abc");
        await admin.ClickAsync("#queue button[type=submit]");
        var refusal = admin.Locator("#queue .field-error[data-field=ringTimeoutSeconds]");
        await Assertions.Expect(refusal).ToContainTextAsync("is not a whole number");
        await Browser.ScreenshotAsync(admin, "routing-refused");
        await admin.FillAsync("#ringTimeoutSeconds", "25");
        await admin.FillAsync("#wrapUpSeconds", "3");
        await admin.ClickAsync("#queue button[type=submit]");
        await Assertions.Expect(admin.Locator("#applied")).ToContainTextAsync("next call follows it");
        await Assertions.Expect(admin.Locator("#queues tr", new() { HasText = "sales" })).ToContainTextAsync("25");
        await Browser.ScreenshotAsync(admin, "routing");
        var stillUp = await PageRequests.CallStateAsync(admin, callId);

        // The caller scenario sends its digit 2 s after the answer and only then waits for BYE; a
        // BYE sooner would be unexpected to SIPp and fail the call, not the box.
        var settle = TimeSpan.FromSeconds(4) - answeredAt.Elapsed;
        if (settle > TimeSpan.Zero)
        {
            await Task.Delay(settle);
        }

        var hangUp = await PageRequests.PostAsync(admin, $"/api/calls/{callId}/hangup");
        var callerResult = await caller.WaitAsync();
        var phoneResult = await phone.Peer.WaitAsync();
        var cdr = await CdrReader.WaitForAsync(box.Service.DatabasePath, callId, TimeSpan.FromSeconds(10));

        Assert.True(bridged, "The call to the new DID 200 was not answered. Service:\n" + box.Service.Output);
        Assert.Equal("answered", stillUp);
        Assert.Equal(204, hangUp);
        Assert.True(callerResult.ExitCode == 0, callerResult.Describe() + "\nService:\n" + box.Service.Output);
        Assert.True(phoneResult.ExitCode == 0, phoneResult.Describe() + "\nService:\n" + box.Service.Output);
        Assert.NotNull(cdr);
        Assert.Equal("200", cdr.Did);
        Assert.Equal("sales", cdr.Queue);
        Assert.Equal("answered", cdr.Disposition);
    }
}
