using System.Net;
using System.Text.Json;
using Appliance.Web.Tests.Support;

namespace Appliance.Web.Tests.Firmware;

/// <summary>
/// The admin's firmware page in Chromium: it shows the running version and both root slots,
/// refuses a bundle signed by a stranger with the field named, and hands a properly signed bundle
/// to the updater, after which the other slot shows the new version, due at the next reboot.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class FirmwareUpdateTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task SignedBundleIsInstalledIntoTheOtherSlotAndAStrangersBundleIsRefused()
    {
        using var bundles = new UpdateBundles("2.0.0-test");
        await using var box = await WebBox.StartAsync(
            "demo",
            $"--Update:SlotsFile={bundles.SlotsFile}",
            $"--Update:Rauc={bundles.Updater}",
            "--Board:Profile=generic-x64",
            "--Board:Watchdog=none");
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(box.Https);
        await Browser.LoginAsync(page, "admin", "demo");
        await page.GotoAsync("/firmware");
        await page.WaitForSelectorAsync("#slots tr");
        var before = await page.InnerTextAsync("main");

        await page.SetInputFilesAsync("#bundle", bundles.Stranger);
        await page.ClickAsync("#update button[type=submit]");
        var refusal = await page.WaitForSelectorAsync(".field-error[data-field=bundle]");
        var refused = await refusal!.InnerTextAsync();
        await page.SetInputFilesAsync("#bundle", bundles.Good);
        await page.ClickAsync("#update button[type=submit]");
        await page.WaitForSelectorAsync("#installed:has-text('Installed')");
        var installed = await page.InnerTextAsync("#installed");
        await page.WaitForSelectorAsync("#pending:has-text('2.0.0-test')");
        var after = await page.InnerTextAsync("main");
        await Browser.ScreenshotAsync(page, "firmware");
        using var admin = box.Client();
        await SignInAsync(admin);
        var audit = await admin.GetStringAsync(new Uri("/api/admin/audit", UriKind.Relative));
        var uploads = Path.Combine(box.Service.DataDirectory, "updates");

        Assert.Contains("Running version: 1.0.0-factory", before, StringComparison.Ordinal);
        Assert.Contains("A\t1.0.0-factory\tgood\trunning", before, StringComparison.Ordinal);
        Assert.Contains("B\t(none)\tbad", before, StringComparison.Ordinal);
        Assert.Contains("bundle: was refused: signature verification failed", refused, StringComparison.Ordinal);
        Assert.Equal("Installed 2.0.0-test into slot B. Reboot the box to start it.", installed);
        Assert.Contains("B\t2.0.0-test\tunknown", after, StringComparison.Ordinal);
        Assert.Equal([$"{UpdateBundles.Sha256(bundles.Good)}"], File.ReadAllLines(bundles.InstallLog).Select(l => l[..64]));
        Assert.Contains("firmware.refused", audit, StringComparison.Ordinal);
        Assert.Contains("firmware.installed", audit, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(uploads));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ABoxWithoutSlotsSaysSoAndAcceptsNoBundle()
    {
        await using var box = await WebBox.StartAsync(
            "demo",
            "--Update:SlotsFile=/nonexistent/slots.env",
            "--Board:Profile=generic-x64",
            "--Board:Watchdog=none");
        using var admin = box.Client();
        await SignInAsync(admin);

        using var status = JsonDocument.Parse(await admin.GetStringAsync(new Uri("/api/admin/firmware/", UriKind.Relative)));
        using var upload = new HttpRequestMessage(HttpMethod.Post, "/api/admin/firmware/update")
        {
            Content = new ByteArrayContent([1, 2, 3]),
        };
        upload.Headers.Add("X-CSRF-TOKEN", await CsrfTokenAsync(admin));
        using var refused = await admin.SendAsync(upload);

        Assert.Equal(0, status.RootElement.GetProperty("slots").GetArrayLength());
        Assert.False(string.IsNullOrEmpty(status.RootElement.GetProperty("runningVersion").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("no update slots", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task SignInAsync(HttpClient client)
    {
        using var login = new HttpRequestMessage(HttpMethod.Post, "/api/login")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { name = "admin", password = "demo" }),
        };
        login.Headers.Add("X-CSRF-TOKEN", await CsrfTokenAsync(client));
        using var response = await client.SendAsync(login);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<string> CsrfTokenAsync(HttpClient client)
    {
        using var csrf = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/csrf", UriKind.Relative)));
        return csrf.RootElement.GetProperty("token").GetString()!;
    }
}
