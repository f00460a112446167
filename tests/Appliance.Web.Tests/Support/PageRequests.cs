using System.Text.Json;
using Microsoft.Playwright;

namespace Appliance.Web.Tests.Support;

/// <summary>API calls made with a logged-in page's cookie, carrying the CSRF token as the pages do.</summary>
public static class PageRequests
{
    /// <returns>The HTTP status of the answer.</returns>
    public static async Task<int> PostAsync(IPage page, string path, object? body = null)
    {
        var csrf = await page.APIRequest.GetAsync("/api/csrf");
        using var token = JsonDocument.Parse(await csrf.TextAsync());
        var response = await page.APIRequest.PostAsync(path, new()
        {
            Headers = new Dictionary<string, string>
            {
                ["X-CSRF-TOKEN"] = token.RootElement.GetProperty("token").GetString()!,
            },
            DataObject = body,
        });
        return response.Status;
    }

    /// <summary>The state of a call in progress (<c>GET /api/calls</c>), or null when it is not.</summary>
    public static async Task<string?> CallStateAsync(IPage page, string callId)
    {
        var response = await page.APIRequest.GetAsync("/api/calls");
        using var calls = JsonDocument.Parse(await response.TextAsync());
        return calls.RootElement.EnumerateArray()
            .Where(c => c.GetProperty("callId").GetString() == callId)
            .Select(c => c.GetProperty("state").GetString())
            .FirstOrDefault();
    }
}
