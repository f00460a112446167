using Appliance.Web.Tests.Support;
using Microsoft.Playwright;

namespace Appliance.Web.Tests.EndToEnd.Admin;

/// <summary>
/// The PSTN trunk page in Chromium against the running demo box on the simulated card: a gain out
/// of range and a route to a group that does not exist are refused naming their keys; trunk
/// groups and a route order saved on the page are what the gateway runs after the next start.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class PstnPageTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task GroupsAndRoutesSavedOnThePageAreWhatTheGatewayRunsAfterARestart()
    {
        var socket = Path.Combine(Path.GetTempPath(), $"sparkle-pstn-{Guid.NewGuid():N}.sock");
        await using var box = await WebBox.StartAsync(
            "demo", $"--Pstn:Card=sim:{socket}?e1=1&fxo=1&gsm=1", "--Pstn:LineDid=100");
        await using var browser = await Browser.LaunchAsync();
        var admin = await browser.NewPageAsync(box.Https);
        await Browser.LoginAsync(admin, "admin", "demo");
        await admin.GotoAsync("/pstn");
        await Assertions.Expect(admin.Locator("#ports")).ToContainTextAsync("e1-0");

        await admin.FillAsync("#toGain", "30");
        await admin.FillAsync("#routes", "=carrier");
        await admin.ClickAsync("#pstn button[type=submit]");
        await Assertions.Expect(admin.Locator("#pstn .field-error[data-field='Pstn:FxoToLineGainDb']"))
            .ToContainTextAsync("-24 to 24");
        await Assertions.Expect(admin.Locator("#pstn .field-error[data-field='Pstn:Routes']"))
            .ToContainTextAsync("'carrier', which is no trunk group");
        await Browser.ScreenshotAsync(admin, "pstn-refused");
        await admin.FillAsync("#toGain", "-6");
        await admin.FillAsync("#groups-field", "carrier=e1-0; analog=fxo-0; mobile=gsm-0");
        await admin.FillAsync("#routes", "00=mobile,carrier; =carrier,analog");
        await admin.ClickAsync("#pstn button[type=submit]");
        await Assertions.Expect(admin.Locator("#applied")).ToContainTextAsync("next start");
        await Assertions.Expect(admin.Locator("#settings tr", new() { HasText = "Pstn:Routes" }))
            .ToContainTextAsync("00=mobile,carrier; =carrier,analog");
        await Browser.ScreenshotAsync(admin, "pstn");
        await box.Service.StopGracefullyAsync(TimeSpan.FromSeconds(30));
        await using var again = await box.Service.StartAgainAsync();
        var ready = await again.WaitForOutputAsync("Web pages and CTI API at", TimeSpan.FromSeconds(60));
        var after = await browser.NewPageAsync(box.Https);
        await Browser.LoginAsync(after, "admin", "demo");

        await after.GotoAsync("/pstn");

        Assert.True(ready, again.Output);
        await Assertions.Expect(after.Locator("#groups")).ToContainTextAsync("carrier");
        await Assertions.Expect(after.Locator("#groups")).ToContainTextAsync("mobile");
        await Assertions.Expect(after.Locator("#settings tr", new() { HasText = "Pstn:FxoToLineGainDb" }))
            .ToContainTextAsync("-6");
        await Assertions.Expect(after.Locator("#settings tr", new() { HasText = "Pstn:Routes" }))
            .ToContainTextAsync("00=mobile,carrier; =carrier,analog");
        await after.GotoAsync("/admin");
        await Assertions.Expect(after.Locator("#audit")).ToContainTextAsync("pstn.saved");
    }
}
