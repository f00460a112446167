using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Appliance.Web.Tests.Support;

namespace Appliance.Web.Tests.EndToEnd;

/// <summary>
/// The admin's users and tokens over real sockets on a production box set up through the
/// wizard's API: the wizard stays closed whatever happens to the admin, the last admin cannot be
/// demoted or removed, an agent must work at an existing extension, logout and a role change end
/// open sessions, a token name is not silently reused, and a token or user can be removed.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class AccountSecurityTests
{
    private const string AdminPassword = "Correct-Horse-9";

    [Fact]
    [Trait("Category", "Integration")]
    public async Task WizardStaysClosedLastAdminStaysAndRevokedSessionsAndTokensAreRefused()
    {
        await using var box = await WebBox.StartAsync("production");
        using var admin = box.Client();
        using var stranger = box.Client();

        var setup = await SendAsync(
            admin, HttpMethod.Post, "/api/setup", WizardForm(AdminPassword, "192.0.2.10"));
        Assert.Equal(200, setup.Status);

        // 1: the only admin cannot be demoted, and the wizard stays closed.
        var demote = await SendAsync(admin, HttpMethod.Post, "/api/admin/users",
            new { name = "admin", password = AdminPassword, role = "supervisor" });
        var overwrite = await SendAsync(admin, HttpMethod.Post, "/api/admin/users",
            new { name = "admin", password = AdminPassword, role = "agent", agentId = "1001" });
        var setupState = await stranger.GetStringAsync(new Uri("/api/setup", UriKind.Relative));
        var takeover = await SendAsync(
            stranger, HttpMethod.Post, "/api/setup", WizardForm("Stolen-Box-12", "192.0.2.66"));
        Assert.Equal(400, demote.Status);
        Assert.Contains("\"role\"", demote.Body, StringComparison.Ordinal);
        Assert.Contains("last admin", demote.Body, StringComparison.Ordinal);
        Assert.Equal(400, overwrite.Status);
        Assert.Contains("\"role\"", overwrite.Body, StringComparison.Ordinal);
        Assert.Contains("\"done\":true", setupState, StringComparison.Ordinal);
        Assert.Equal(409, takeover.Status);
        Assert.Equal(200, await MeStatusAsync(admin));

        // 2: an agent works at an existing extension; the audit tells added from changed.
        var noSuchExtension = await SendAsync(admin, HttpMethod.Post, "/api/admin/users",
            new { name = "ann", password = "Agent-Pass-77", role = "agent", agentId = "7777" });
        var sueAdded = await SendAsync(admin, HttpMethod.Post, "/api/admin/users",
            new { name = "sue", password = "Super-Pass-77", role = "supervisor" });
        var bobAdded = await SendAsync(admin, HttpMethod.Post, "/api/admin/users",
            new { name = "bob", password = "Super-Pass-88", role = "supervisor" });
        Assert.Equal(400, noSuchExtension.Status);
        Assert.Contains("\"agentId\"", noSuchExtension.Body, StringComparison.Ordinal);
        Assert.Contains("'7777' is not an extension", noSuchExtension.Body, StringComparison.Ordinal);
        Assert.Equal(200, sueAdded.Status);
        Assert.Equal(200, bobAdded.Status);

        // 3: logout ends the cookie even if it is replayed; a role change ends open sessions.
        using var sue = box.Client();
        await WebBox.LoginAsync(sue, "sue", "Super-Pass-77");
        using var bob = box.Client();
        await WebBox.LoginAsync(bob, "bob", "Super-Pass-88");
        var (loggedIn, logout, replayed) = await LogOutAndReplayAsync(box, "sue", "Super-Pass-77");
        Assert.Equal(200, loggedIn);
        Assert.Equal(204, logout);
        Assert.Equal(401, replayed);

        await WebBox.LoginAsync(sue, "sue", "Super-Pass-77");
        Assert.Equal(200, await MeStatusAsync(sue));
        var sueDemoted = await SendAsync(admin, HttpMethod.Post, "/api/admin/users",
            new { name = "sue", password = "Super-Pass-77", role = "agent", agentId = "1001" });
        Assert.Equal(200, sueDemoted.Status);
        Assert.Contains("\"added\":false", sueDemoted.Body, StringComparison.Ordinal);
        Assert.Equal(401, await MeStatusAsync(sue));

        // 4: a token name is not reused; tokens and users can be removed, their access ending.
        var crm = await SendAsync(admin, HttpMethod.Post, "/api/admin/tokens", new { name = "crm" });
        var crmAgain = await SendAsync(admin, HttpMethod.Post, "/api/admin/tokens", new { name = "crm" });
        using var crmJson = JsonDocument.Parse(crm.Body);
        using var integration = box.Client();
        integration.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", crmJson.RootElement.GetProperty("token").GetString());
        var beforeRevoke = await integration.GetAsync(new Uri("/api/agents", UriKind.Relative));
        var revoke = await SendAsync(admin, HttpMethod.Delete, "/api/admin/tokens/crm", null);
        var afterRevoke = await integration.GetAsync(new Uri("/api/agents", UriKind.Relative));
        var removeSelf = await SendAsync(admin, HttpMethod.Delete, "/api/admin/users/admin", null);
        Assert.Equal(200, await MeStatusAsync(bob));
        var removeBob = await SendAsync(admin, HttpMethod.Delete, "/api/admin/users/bob", null);
        var users = await admin.GetStringAsync(new Uri("/api/admin/users", UriKind.Relative));
        var audit = await admin.GetStringAsync(new Uri("/api/admin/audit", UriKind.Relative));

        Assert.Equal(400, crmAgain.Status);
        Assert.Contains("\"name\"", crmAgain.Body, StringComparison.Ordinal);
        Assert.Contains("a token named crm exists", crmAgain.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, beforeRevoke.StatusCode);
        Assert.Equal(204, revoke.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
        Assert.Equal(400, removeSelf.Status);
        Assert.Contains("\"name\"", removeSelf.Body, StringComparison.Ordinal);
        Assert.Equal(204, removeBob.Status);
        Assert.Equal(401, await MeStatusAsync(bob));
        Assert.DoesNotContain("\"bob\"", users, StringComparison.Ordinal);
        Assert.Contains("user.added", audit, StringComparison.Ordinal);
        Assert.Contains("user.changed", audit, StringComparison.Ordinal);
        Assert.Contains("user.deleted", audit, StringComparison.Ordinal);
        Assert.Contains("token.revoked", audit, StringComparison.Ordinal);
    }

    private static object WizardForm(string adminPassword, string trunkAddress) => new
    {
        adminPassword,
        adminPasswordRepeat = adminPassword,
        timeZone = "Europe/Paris",
        trunkName = "carrier",
        trunkAddress,
        extensions = "1001,1002",
        extensionPassword = "secret-1234",
        queueName = "sales",
        did = "5551000",
    };

    private static async Task<(int Status, string Body)> SendAsync(
        HttpClient client,
        HttpMethod method,
        string path,
        object? body)
    {
        using var csrf = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/csrf", UriKind.Relative)));
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        request.Headers.Add("X-CSRF-TOKEN", csrf.RootElement.GetProperty("token").GetString());
        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<int> MeStatusAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/api/me", UriKind.Relative));
        return (int)response.StatusCode;
    }

    /// <summary>
    /// Logs in with a client that keeps no cookie jar, so the session cookie can be sent again
    /// after logout as a thief who copied it would: the answers to /api/me before logout, to the
    /// logout, and to /api/me with the copied cookie afterwards.
    /// </summary>
    private static async Task<(int Me, int Logout, int Replayed)> LogOutAndReplayAsync(
        WebBox box,
        string name,
        string password)
    {
        using var handler = new HttpClientHandler
        {
            UseCookies = false,
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        };
        using var client = new HttpClient(handler) { BaseAddress = box.Https };
        using var csrfResponse = await client.GetAsync(new Uri("/api/csrf", UriKind.Relative));
        var csrfCookie = CookieOf(csrfResponse, "sparklecc.csrf");
        using var csrf = JsonDocument.Parse(await csrfResponse.Content.ReadAsStringAsync());
        var token = csrf.RootElement.GetProperty("token").GetString()!;

        using var login = new HttpRequestMessage(HttpMethod.Post, "/api/login")
        {
            Content = JsonContent.Create(new { name, password }),
        };
        login.Headers.Add("X-CSRF-TOKEN", token);
        login.Headers.Add("Cookie", csrfCookie);
        using var loginResponse = await client.SendAsync(login);
        Assert.Equal(HttpStatusCode.OK, loginResponse.StatusCode);
        var session = CookieOf(loginResponse, "sparklecc.session");

        var me = await GetMeAsync(client, session);
        // The antiforgery token is bound to the user, so the logged-in session asks for its own.
        using var userCsrf = new HttpRequestMessage(HttpMethod.Get, "/api/csrf");
        userCsrf.Headers.Add("Cookie", $"{csrfCookie}; {session}");
        using var userCsrfResponse = await client.SendAsync(userCsrf);
        using var userToken = JsonDocument.Parse(await userCsrfResponse.Content.ReadAsStringAsync());
        using var logout = new HttpRequestMessage(HttpMethod.Post, "/api/logout");
        logout.Headers.Add("X-CSRF-TOKEN", userToken.RootElement.GetProperty("token").GetString());
        logout.Headers.Add("Cookie", $"{csrfCookie}; {session}");
        using var logoutResponse = await client.SendAsync(logout);
        return (me, (int)logoutResponse.StatusCode, await GetMeAsync(client, session));
    }

    private static async Task<int> GetMeAsync(HttpClient client, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        return (int)response.StatusCode;
    }

    /// <summary>"name=value" of the named cookie the response sets.</summary>
    private static string CookieOf(HttpResponseMessage response, string name) =>
        response.Headers.GetValues("Set-Cookie")
            .Select(c => c.Split(';')[0])
            .Single(c => c.StartsWith(name + "=", StringComparison.Ordinal));
}
