using System.Text.Json;
using Microsoft.Playwright;

namespace Appliance.Web.Tests.Support;

/// <summary>
/// Any API call made with a logged-in page's cookie, carrying the CSRF token as the pages do,
/// with the answer's status and body.
/// </summary>
public static class PageApi
{
    public static async Task<(int Status, string Body)> SendAsync(
        IPage page,
        string method,
        string path,
        object? body = null)
    {
        var csrf = await page.APIRequest.GetAsync("/api/csrf");
        using var token = JsonDocument.Parse(await csrf.TextAsync());
        var response = await page.APIRequest.FetchAsync(path, new()
        {
            Method = method,
            Headers = new Dictionary<string, string>
            {
                ["X-CSRF-TOKEN"] = token.RootElement.GetProperty("token").GetString()!,
            },
            DataObject = body,
        });
        return (response.Status, await response.TextAsync());
    }

    /// <summary>A GET's body parsed; the caller disposes it.</summary>
    public static async Task<JsonDocument> GetJsonAsync(IPage page, string path)
    {
        var response = await page.APIRequest.GetAsync(path);
        Assert.True(response.Ok, $"GET {path} answered {response.Status}: {await response.TextAsync()}");
        return JsonDocument.Parse(await response.TextAsync());
    }
}
