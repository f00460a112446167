using System.Text.Json;
using Appliance.GsmSimulator;
using Appliance.Web.Tests.Support;
using Microsoft.Playwright;

namespace Appliance.Web.Tests.EndToEnd.Admin;

/// <summary>
/// The PSTN trunk page in Chromium against the running demo box on the simulated card: a gain out
/// of range and a route to a group that does not exist are refused naming their keys; trunk
/// groups and a route order saved on the page are what the gateway runs after the next start; a
/// GSM module added on the page (the simulator on a pseudo-terminal, its SIM locked by a PIN) is
/// started with that PIN after the next start, and the PIN is never shown or logged.
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

    [Fact]
    [Trait("Category", "Integration")]
    public async Task AGsmModuleAddedOnThePageStartsWithItsPinAfterARestartAndThePinIsNeverShown()
    {
        using var modem = PtyModem.Open();
        using var voice = PtyPair.Open();
        var socket = Path.Combine(Path.GetTempPath(), $"sparkle-pstn-{Guid.NewGuid():N}.sock");
        await using var box = await WebBox.StartAsync(
            "demo", $"--Pstn:Card=sim:{socket}?e1=0&fxo=0&gsm=0", "--Pstn:LineDid=100");
        await using var browser = await Browser.LaunchAsync();
        var admin = await browser.NewPageAsync(box.Https);
        await Browser.LoginAsync(admin, "admin", "demo");
        await admin.GotoAsync("/pstn");
        await Assertions.Expect(admin.Locator("#card")).ToContainTextAsync("sim:");

        await admin.FillAsync("#gsmIndex", "0");
        await admin.FillAsync("#gsmName", "gsm-a");
        await admin.FillAsync("#gsmPort", modem.DevicePath);
        await admin.FillAsync("#gsmVoicePort", "dev/voice");
        await admin.FillAsync("#gsmPin", "12");
        await admin.ClickAsync("#gsmModule button[type=submit]");
        await Assertions.Expect(admin.Locator("#gsmModule .field-error[data-field='Pstn:Gsm:0:VoicePort']"))
            .ToContainTextAsync("'dev/voice' is not an absolute device path");
        await Assertions.Expect(admin.Locator("#gsmModule .field-error[data-field='Pstn:Gsm:0:Pin']"))
            .ToContainTextAsync("a SIM PIN is 4 to 8 digits");
        await admin.FillAsync("#gsmVoicePort", voice.DevicePath);
        await admin.FillAsync("#gsmPin", PtyModem.Pin);
        await admin.ClickAsync("#gsmModule button[type=submit]");
        await Assertions.Expect(admin.Locator("#applied")).ToContainTextAsync("next start");
        await Assertions.Expect(admin.Locator("#gsm tr", new() { HasText = "gsm-a" })).ToContainTextAsync("set");
        await Assertions.Expect(admin.Locator("#gsmPin")).ToHaveValueAsync("");
        await Browser.ScreenshotAsync(admin, "pstn-gsm");
        using var saved = await PageApi.GetJsonAsync(admin, "/api/admin/pstn");
        await box.Service.StopGracefullyAsync(TimeSpan.FromSeconds(30));
        await using var again = await box.Service.StartAgainAsync();
        var started = await again.WaitForOutputAsync("GSM module 867698040123456 started", TimeSpan.FromSeconds(60));
        var ready = await again.WaitForOutputAsync("Web pages and CTI API at", TimeSpan.FromSeconds(60));
        var after = await browser.NewPageAsync(box.Https);
        await Browser.LoginAsync(after, "admin", "demo");

        await after.GotoAsync("/pstn");

        Assert.True(started, "The module saved on the page did not start with its PIN:\n" + again.Output);
        Assert.True(ready, again.Output);
        await Assertions.Expect(after.Locator("#gsm tr", new() { HasText = "gsm-a" })).ToContainTextAsync(modem.DevicePath);
        await Assertions.Expect(after.Locator("#ports")).ToContainTextAsync("gsm-a");
        using var running = await PageApi.GetJsonAsync(after, "/api/admin/pstn");
        using var audit = await PageApi.GetJsonAsync(after, "/api/admin/audit");
        var pin = Setting(running, 0, "Pin");
        Assert.Equal("set", pin.GetProperty("running").GetString());
        Assert.Equal("set", pin.GetProperty("saved").GetString());
        Assert.Equal(voice.DevicePath, Setting(running, 0, "VoicePort").GetProperty("running").GetString());
        Assert.DoesNotContain(PtyModem.Pin, Strings(saved.RootElement).Concat(Strings(running.RootElement)));
        var saving = audit.RootElement.EnumerateArray()
            .Single(a => a.GetProperty("action").GetString() == "pstn.saved").GetProperty("detail").GetString()!;
        Assert.Contains("Pstn:Gsm:0:Pin=(set)", saving, StringComparison.Ordinal);
        Assert.DoesNotContain($"={PtyModem.Pin}", saving, StringComparison.Ordinal);
    }

    private static JsonElement Setting(JsonDocument pstn, int module, string field) =>
        pstn.RootElement.GetProperty("gsm").EnumerateArray()
            .Single(m => m.GetProperty("module").GetInt32() == module)
            .GetProperty("settings").EnumerateArray()
            .Single(s => s.GetProperty("field").GetString() == field);

    // Every string value of a JSON document, to show a secret is not among them.
    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        _ => [],
    };
}
