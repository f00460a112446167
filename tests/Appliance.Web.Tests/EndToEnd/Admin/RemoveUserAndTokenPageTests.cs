using Appliance.Web.Tests.Support;
using Microsoft.Playwright;

namespace Appliance.Web.Tests.EndToEnd.Admin;

/// <summary>
/// The admin page in Chromium: a token is revoked and a user deleted with their row's button,
/// and the admin's own row refuses with the reason shown under the users form.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class RemoveUserAndTokenPageTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task RowButtonsRevokeATokenAndDeleteAUserButNotTheAdminThemself()
    {
        await using var box = await WebBox.StartAsync("demo");
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(box.Https);
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await Browser.LoginAsync(page, "admin", "demo");
        var created = await PageApi.SendAsync(page, "POST", "/api/admin/tokens", new { name = "crm" });
        Assert.Equal(200, created.Status);

        await page.GotoAsync("/admin");
        var tokens = page.Locator("#tokens");
        var users = page.Locator("#users");
        await Assertions.Expect(tokens).ToContainTextAsync("crm");
        await tokens.Locator("tr", new() { HasText = "crm" }).GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(tokens).Not.ToContainTextAsync("crm");
        await users.Locator("tr", new() { HasText = "supervisor" }).GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(users).Not.ToContainTextAsync("supervisor");
        await users.Locator("tr", new() { HasText = "admin" }).GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.Locator("#user .field-error[data-field=name]"))
            .ToContainTextAsync("you cannot remove yourself");
        await Assertions.Expect(page.Locator("#audit")).ToContainTextAsync("token.revoked");
        await Assertions.Expect(page.Locator("#audit")).ToContainTextAsync("user.deleted");
        await Browser.ScreenshotAsync(page, "admin-remove");
        await Assertions.Expect(users).ToContainTextAsync("admin");
    }
}
