using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Appliance.Web.Tests.Support;

namespace Appliance.Web.Tests.EndToEnd;

/// <summary>
/// The CTI API as an integration uses it over real sockets: an admin makes a token; the token
/// reads agents, commands "not ready" without a CSRF token, and its WebSocket stream receives
/// the change; a CRM webhook that fails once gets the event again; the OpenAPI document lists
/// the API; a box without a front panel (the generic x64 board) says so.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class CtiApiTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task TokenCommandsAgentStreamAndWebhookCarryTheChange()
    {
        await using var crm = new WebhookReceiver(failures: 1);
        await using var box = await WebBox.StartAsync(
            "demo",
            $"--Web:Webhooks={crm.Url}",
            "--Board:Profile=generic-x64",
            "--Board:Watchdog=none");
        using var admin = box.Client();
        await LoginAsync(admin, "admin", "demo");
        var created = await PostWithCsrfAsync(admin, "/api/admin/tokens", new { name = "crm", role = "supervisor" });
        using var createdBody = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var token = createdBody.RootElement.GetProperty("token").GetString()!;
        using var integration = box.Client();
        integration.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var stranger = box.Client();
        stranger.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        using var stream = new ClientWebSocket();
        stream.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        // The box presents its own self-signed certificate; accept that one only.
        stream.Options.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate?.Subject == "CN=SparkleCC appliance";
        await stream.ConnectAsync(new Uri($"wss://127.0.0.1:{box.HttpsPort}/api/events"), CancellationToken.None);

        var agents = await integration.GetAsync(new Uri("/api/agents", UriKind.Relative));
        var refused = await stranger.GetAsync(new Uri("/api/agents", UriKind.Relative));
        var command = await integration.PostAsJsonAsync("/api/agents/1001/ready", new { ready = false, reason = "Lunch" });
        var streamed = await ReceiveAsync(stream, TimeSpan.FromSeconds(10));
        var unknownReason = await integration.PostAsJsonAsync(
            "/api/agents/1001/ready", new { ready = false, reason = "Nap" });
        var firstAttempt = await crm.NextAsync(TimeSpan.FromSeconds(20));
        var retried = await crm.NextAsync(TimeSpan.FromSeconds(20));
        var openApi = await admin.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        var panel = await admin.GetAsync(new Uri("/api/panel", UriKind.Relative));
        var audit = await admin.GetStringAsync(new Uri("/api/admin/audit", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, agents.StatusCode);
        Assert.Contains("\"agentId\":\"1001\"", await agents.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, command.StatusCode);
        Assert.NotNull(streamed);
        Assert.Contains("\"agent\":\"1001\"", streamed, StringComparison.Ordinal);
        Assert.Contains("\"detail\":\"lunch\"", streamed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknownReason.StatusCode);
        Assert.Contains(
            "Invalid value for reason: 'Nap' is not one of break, lunch, training",
            await unknownReason.Content.ReadAsStringAsync(),
            StringComparison.Ordinal);
        Assert.NotNull(firstAttempt);
        Assert.Equal(firstAttempt, retried);
        Assert.Contains("\"/api/calls/{callId}/hangup\"", openApi, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, panel.StatusCode);
        Assert.Contains("No front panel", await panel.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("token:crm", audit, StringComparison.Ordinal);
    }

    private static async Task LoginAsync(HttpClient client, string name, string password)
    {
        using var response = await PostWithCsrfAsync(client, "/api/login", new { name, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<HttpResponseMessage> PostWithCsrfAsync(HttpClient client, string path, object body)
    {
        using var csrf = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/csrf", UriKind.Relative)));
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-CSRF-TOKEN", csrf.RootElement.GetProperty("token").GetString());
        return await client.SendAsync(request);
    }

    private static async Task<string?> ReceiveAsync(ClientWebSocket socket, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var buffer = new byte[8192];
        try
        {
            var received = await socket.ReceiveAsync(buffer, cancel.Token);
            return Encoding.UTF8.GetString(buffer, 0, received.Count);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}
