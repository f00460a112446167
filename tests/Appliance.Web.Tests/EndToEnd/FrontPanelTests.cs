using System.Net;
using System.Text.Json;
using Appliance.Web.Tests.Support;
using Microsoft.Playwright;

namespace Appliance.Web.Tests.EndToEnd;

/// <summary>
/// The front panel in Chromium on the demo profile's virtual board: the page shows the status
/// screen the real Iot.Device.Bindings HD44780 driver wrote to the emulated LCD, Enter and Down
/// pressed on the page walk into the setup menu on that LCD, and <c>/api/panel</c> gives the same
/// lines.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class FrontPanelTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task PanelPageShowsTheLcdAndItsButtonsOpenTheMenu()
    {
        await using var box = await WebBox.StartAsync("demo");
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(box.Https);
        await Browser.LoginAsync(page, "admin", "demo");
        var lcd = page.Locator("#lcd");
        // The status screens rotate every 5 s; the box's own screen comes round within 15 s.
        var slow = new LocatorAssertionsToContainTextOptions { Timeout = 30_000 };
        var hostName = Fit(Dns.GetHostName());

        await page.GotoAsync("/panel");
        await Assertions.Expect(lcd).ToContainTextAsync("SparkleCC running", slow);
        await Assertions.Expect(lcd).ToContainTextAsync(hostName, slow);
        await Assertions.Expect(lcd).ToContainTextAsync("Calls 0 Wait 0", slow);
        await Browser.ScreenshotAsync(page, "panel-status");
        await page.ClickAsync("button[data-button=enter]");
        await Assertions.Expect(lcd).ToContainTextAsync("> Network");
        await page.ClickAsync("button[data-button=down]");
        await Assertions.Expect(lcd).ToContainTextAsync("> Version");
        await Browser.ScreenshotAsync(page, "panel-menu");
        var shown = (await lcd.InnerTextAsync()).Split('\n').Select(l => l.TrimEnd()).ToArray();
        var api = await page.APIRequest.GetAsync("/api/panel");
        using var json = JsonDocument.Parse(await api.TextAsync());
        var lines = json.RootElement.GetProperty("lines").EnumerateArray()
            .Select(l => l.GetString()!.TrimEnd())
            .ToArray();
        var leds = json.RootElement.GetProperty("leds").EnumerateObject().Select(l => l.Name).Order().ToArray();
        var audit = await (await page.APIRequest.GetAsync("/api/admin/audit")).TextAsync();

        Assert.Equal(200, api.Status);
        Assert.Equal(["Setup", "  Network", "> Version", "  Restart service"], lines);
        Assert.Equal(lines, shown);
        Assert.Equal(["alarm", "calls", "network", "run"], leds);
        Assert.Contains("panel.pressed", audit, StringComparison.Ordinal);
    }

    /// <summary>The host name as the 20-column LCD shows it.</summary>
    private static string Fit(string text) => text.Length > 20 ? text[..20] : text;
}
