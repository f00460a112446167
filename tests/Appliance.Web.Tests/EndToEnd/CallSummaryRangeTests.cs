using System.Text.Json;
using Appliance.Web.Tests.Support;

namespace Appliance.Web.Tests.EndToEnd;

/// <summary>
/// The call summary and its CSV against the running demo box: a day that does not exist, a date
/// that does not read or a range that ends before it starts is refused naming the field, as the
/// charted reports refuse it, instead of reporting another period.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class CallSummaryRangeTests
{
    [Theory]
    [Trait("Category", "Integration")]
    [InlineData("/api/reports/summary")]
    [InlineData("/api/reports/calls.csv")]
    public async Task ABadOrReversedRangeIsRefusedNamingTheField(string path)
    {
        await using var box = await WebBox.StartAsync("demo");
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(box.Https);
        await Browser.LoginAsync(page, "supervisor", "demo");

        var good = await page.APIRequest.GetAsync($"{path}?from=2026-01-01&to=2026-01-31");
        var noSuchDay = await page.APIRequest.GetAsync($"{path}?from=2020-02-30&to=2020-03-01");
        var letters = await page.APIRequest.GetAsync($"{path}?from=abc");
        var reversed = await page.APIRequest.GetAsync($"{path}?from=2027-01-01&to=2026-01-01");

        Assert.Equal(200, good.Status);
        Assert.Equal(400, noSuchDay.Status);
        Assert.True(await NamesAsync(noSuchDay, "from"));
        Assert.Equal(400, letters.Status);
        Assert.True(await NamesAsync(letters, "from"));
        Assert.Equal(400, reversed.Status);
        Assert.True(await NamesAsync(reversed, "to"));
    }

    private static async Task<bool> NamesAsync(Microsoft.Playwright.IAPIResponse response, string field)
    {
        using var problem = JsonDocument.Parse(await response.TextAsync());
        return problem.RootElement.GetProperty("errors").TryGetProperty(field, out _);
    }
}
