using Appliance.Web.Tests.Support;
using Microsoft.Playwright;

namespace Appliance.Web.Tests.EndToEnd;

/// <summary>
/// A box in the production profile from a fresh database, driven in Chromium: nothing but the
/// wizard answers until it has set the admin password; a bad value is refused with its field
/// named; the admin then logs in and the admin pages refuse a bad extension the same way.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class SetupWizardTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task FreshProductionBoxIsSetUpThroughTheWizardAndRefusesBadValuesByField()
    {
        await using var box = await WebBox.StartAsync("production");
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(box.Https);
        using var api = box.Client();

        var apiBeforeSetup = await api.GetAsync(new Uri("/api/calls", UriKind.Relative));
        await page.GotoAsync("/agent");
        var landedOn = page.Url;
        await page.FillAsync("#adminPassword", "correct horse battery");
        await page.FillAsync("#adminPasswordRepeat", "correct horse battery");
        await page.FillAsync("#trunkAddress", "carrier.example");
        await page.FillAsync("#extensionPassword", "secret-1234");
        await page.FillAsync("#extensions", "1001,1002,1003");
        await page.ClickAsync("button[type=submit]");
        var refusal = page.Locator(".field-error[data-field=trunkAddress]");
        await refusal.WaitForAsync();
        var refusalText = await refusal.InnerTextAsync();
        await Browser.ScreenshotAsync(page, "setup-refused");
        await page.FillAsync("#trunkAddress", "192.0.2.10");
        await page.ClickAsync("button[type=submit]");
        await page.Locator("#done").WaitForAsync();
        var doneText = await page.InnerTextAsync("#done");

        Assert.Equal(503, (int)apiBeforeSetup.StatusCode);
        Assert.EndsWith("/setup", landedOn, StringComparison.Ordinal);
        Assert.Contains("trunkAddress", refusalText, StringComparison.Ordinal);
        Assert.Contains("not an IP address", refusalText, StringComparison.Ordinal);
        Assert.Contains("Setup done", doneText, StringComparison.Ordinal);

        var admin = await browser.NewPageAsync(box.Https);
        await Browser.LoginAsync(admin, "admin", "correct horse battery");
        await admin.GotoAsync("/admin");
        var extensions = admin.Locator("#extensions");
        await Assertions.Expect(extensions).ToContainTextAsync("1001");
        await Assertions.Expect(extensions).ToContainTextAsync("1002");
        await Assertions.Expect(admin.Locator("#audit")).ToContainTextAsync("setup.completed");
        await admin.FillAsync("#number", "12ab");
        await admin.FillAsync("#password", "another-secret");
        await admin.ClickAsync("#extension button[type=submit]");
        var fieldError = admin.Locator("#extension .field-error[data-field=number]");
        await fieldError.WaitForAsync();
        var fieldErrorText = await fieldError.InnerTextAsync();
        await admin.FillAsync("#mailboxNumber", "1002");
        await admin.FillAsync("#mailboxPin", "12ab");
        await admin.ClickAsync("#mailbox button[type=submit]");
        var pinError = admin.Locator("#mailbox .field-error[data-field=pin]");
        await Assertions.Expect(pinError).ToContainTextAsync("must be 4 to 12 digits");
        await admin.FillAsync("#mailboxPin", "4321");
        await admin.ClickAsync("#mailbox button[type=submit]");
        await Assertions.Expect(extensions.Locator("tr", new() { HasText = "1002" })).ToContainTextAsync("set");
        await Assertions.Expect(admin.Locator("#audit")).ToContainTextAsync("mailbox 1002: PIN set");

        // A language the box has no prompts for can only come from a changed page; it is refused by name.
        await admin.EvalOnSelectorAsync("#language", "s => s.add(new Option('fr', 'fr'))");
        await admin.FillAsync("#number", "1002");
        await admin.FillAsync("#password", "another-secret");
        await admin.SelectOptionAsync("#language", "fr");
        await admin.ClickAsync("#extension button[type=submit]");
        await Assertions.Expect(admin.Locator("#extension .field-error[data-field=language]"))
            .ToContainTextAsync("'fr' is not a prompt set of this box (en, zh)");
        await admin.SelectOptionAsync("#language", "zh");
        await admin.ClickAsync("#extension button[type=submit]");
        await Assertions.Expect(extensions.Locator("tr", new() { HasText = "1002" })).ToContainTextAsync("zh");
        await Assertions.Expect(admin.Locator("#audit")).ToContainTextAsync("extension 1002 (), prompts zh");
        await admin.FillAsync("#number", "1001");
        await admin.PressAsync("#number", "Tab");
        await Assertions.Expect(admin.Locator("#language")).ToHaveValueAsync(string.Empty);
        await admin.FillAsync("#number", "1002");
        await admin.PressAsync("#number", "Tab");
        await Assertions.Expect(admin.Locator("#language")).ToHaveValueAsync("zh");
        await Browser.ScreenshotAsync(admin, "admin");
        using (var db = new SQLite.SQLiteConnection(box.Service.DatabasePath, SQLite.SQLiteOpenFlags.ReadOnly))
        {
            Assert.Equal("4321", db.ExecuteScalar<string>("SELECT Pin FROM Mailbox WHERE Number = '1002'"));
            Assert.Equal("zh", db.ExecuteScalar<string>("SELECT Language FROM Extension WHERE Number = '1002'"));
            var members = db.Query<MemberOf>("SELECT Queue, AgentId FROM QueueMember ORDER BY AgentId")
                .Select(m => $"{m.Queue}:{m.AgentId}");
            Assert.Equal(["support:1001", "support:1002", "support:1003"], members);
        }

        var secondSetup = await api.PostAsync(new Uri("/api/setup", UriKind.Relative), null);

        Assert.Contains("number", fieldErrorText, StringComparison.Ordinal);
        Assert.Contains("'12ab' is not an extension number", fieldErrorText, StringComparison.Ordinal);
        Assert.DoesNotContain("12ab", await extensions.InnerTextAsync(), StringComparison.Ordinal);
        Assert.NotEqual(200, (int)secondSetup.StatusCode);
    }

    private sealed class MemberOf
    {
        public string Queue { get; set; } = "";

        public string AgentId { get; set; } = "";
    }
}
