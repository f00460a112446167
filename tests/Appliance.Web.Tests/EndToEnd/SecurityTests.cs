using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Appliance.Web.Tests.Support;

namespace Appliance.Web.Tests.EndToEnd;

/// <summary>
/// The web server's defences over real sockets: plain HTTP only redirects to HTTPS, a change
/// without the session's CSRF token is refused, and five wrong passwords lock the account out
/// even for the right one.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class SecurityTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task HttpRedirectsCsrfIsRefusedAndWrongPasswordsLockTheAccountOut()
    {
        await using var box = await WebBox.StartAsync("demo");
        using var redirecting = box.Client(followRedirects: false);
        using var client = box.Client();

        var plain = await redirecting.GetAsync(new Uri(box.Http, "/login?x=1"));
        var withoutToken = await client.PostAsJsonAsync("/api/login", new { name = "admin", password = "demo" });
        var withoutTokenBody = await withoutToken.Content.ReadAsStringAsync();
        var token = await CsrfTokenAsync(client);
        var statuses = new List<int>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            statuses.Add(await LoginAsync(client, token, "admin", "wrong-password"));
        }

        var rightPasswordAfterLockout = await LoginAsync(client, token, "admin", "demo");
        var supervisor = await LoginAsync(client, token, "supervisor", "demo");

        Assert.Equal(HttpStatusCode.PermanentRedirect, plain.StatusCode);
        Assert.Equal(new Uri($"https://127.0.0.1:{box.HttpsPort}/login?x=1"), plain.Headers.Location);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Contains("CSRF", withoutTokenBody, StringComparison.Ordinal);
        Assert.Equal([401, 401, 401, 401, 401], statuses);
        Assert.Equal(423, rightPasswordAfterLockout);
        Assert.Equal(200, supervisor);
        Assert.Contains("Web user admin locked out", box.Service.Output, StringComparison.Ordinal);
    }

    private static async Task<string> CsrfTokenAsync(HttpClient client)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/csrf", UriKind.Relative)));
        return json.RootElement.GetProperty("token").GetString()!;
    }

    private static async Task<int> LoginAsync(HttpClient client, string token, string name, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/login")
        {
            Content = JsonContent.Create(new { name, password }),
        };
        request.Headers.Add("X-CSRF-TOKEN", token);
        using var response = await client.SendAsync(request);
        return (int)response.StatusCode;
    }
}
