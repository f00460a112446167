using Appliance.Web.Tests.Support;
using Microsoft.Playwright;

namespace Appliance.Web.Tests.EndToEnd.Admin;

/// <summary>
/// The disposition codes page in Chromium against the running demo box: a code with a space is
/// refused naming <c>code</c>; a good one is listed, offered to an agent's desktop at once and
/// audited; deleting it takes it off the list.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class DispositionCodePageTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task ACodeSavedOnThePageIsOfferedToTheAgentAndABadOneIsRefusedNamingTheField()
    {
        await using var box = await WebBox.StartAsync("demo");
        await using var browser = await Browser.LaunchAsync();
        var admin = await browser.NewPageAsync(box.Https);
        var agent = await browser.NewPageAsync(box.Https);
        await Browser.LoginAsync(admin, "admin", "demo");
        await Browser.LoginAsync(agent, "1001", "demo");
        await admin.GotoAsync("/dispositions");

        await admin.FillAsync("#code", "call back");
        await admin.FillAsync("#name", "Call back later");
        await admin.ClickAsync("#disposition button[type=submit]");
        await Assertions.Expect(admin.Locator("#disposition .field-error[data-field='code']"))
            .ToContainTextAsync("only letters, digits and '-'");
        await Browser.ScreenshotAsync(admin, "dispositions-refused");
        await admin.FillAsync("#code", "Call-Back");
        await admin.ClickAsync("#disposition button[type=submit]");
        await Assertions.Expect(admin.Locator("#applied")).ToContainTextAsync("Code call-back saved");
        await Assertions.Expect(admin.Locator("#codes tr", new() { HasText = "call-back" }))
            .ToContainTextAsync("Call back later");
        await Browser.ScreenshotAsync(admin, "dispositions");
        var offered = await agent.APIRequest.GetAsync("/api/dispositions");
        var offeredText = await offered.TextAsync();
        await admin.Locator("#codes tr", new() { HasText = "call-back" }).Locator("button").ClickAsync();
        await Assertions.Expect(admin.Locator("#applied")).ToContainTextAsync("Code call-back deleted");
        var left = await (await agent.APIRequest.GetAsync("/api/dispositions")).TextAsync();
        await admin.GotoAsync("/admin");

        await Assertions.Expect(admin.Locator("#audit")).ToContainTextAsync("disposition.saved");
        await Assertions.Expect(admin.Locator("#audit")).ToContainTextAsync("disposition.deleted");
        Assert.Contains("\"code\":\"call-back\"", offeredText, StringComparison.Ordinal);
        Assert.DoesNotContain("call-back", left, StringComparison.Ordinal);
    }
}
