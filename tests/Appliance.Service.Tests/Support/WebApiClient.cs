using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Appliance.Service.Tests.Support;

/// <summary>
/// The real service's HTTPS API for end-to-end tests that also need the SIP side: the arguments
/// that turn the web server on at free loopback ports, and a client that trusts the box's
/// self-signed certificate, keeps the session cookie and sends the CSRF token.
/// </summary>
public sealed class WebApiClient : IDisposable
{
    private readonly HttpClient _client;

    private WebApiClient(int httpsPort)
    {
#pragma warning disable CA2000 // The handler is owned by the client, disposed with it.
        var handler = new HttpClientHandler
        {
            CookieContainer = new CookieContainer(),
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        };
#pragma warning restore CA2000
        _client = new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = new Uri($"https://127.0.0.1:{httpsPort}"),
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>Service arguments for the web server on two free ports; <paramref name="httpsPort"/> is for <see cref="LoginAsync"/>.</summary>
    public static string[] Arguments(out int httpsPort)
    {
        httpsPort = FreeTcpPort();
        return
        [
            "--Web:BindAddress=127.0.0.1",
            string.Create(CultureInfo.InvariantCulture, $"--Web:HttpsPort={httpsPort}"),
            string.Create(CultureInfo.InvariantCulture, $"--Web:HttpPort={FreeTcpPort()}"),
        ];
    }

    /// <summary>Waits for the web server of <paramref name="service"/> and logs in with a demo account.</summary>
    public static async Task<WebApiClient> LoginAsync(ApplianceProcess service, int httpsPort, string name = "admin")
    {
        var ready = await service.WaitForOutputAsync("Web pages and CTI API at", TimeSpan.FromSeconds(30));
        Assert.True(ready, "The web server did not start.\n" + service.Output);
        var client = new WebApiClient(httpsPort);
        using var response = await client.SendAsync(HttpMethod.Post, "/api/login", new { name, password = "demo" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return client;
    }

    public async Task<JsonDocument> GetJsonAsync(string path) =>
        JsonDocument.Parse(await _client.GetStringAsync(new Uri(path, UriKind.Relative)));

    public Task<string> GetTextAsync(string path) => _client.GetStringAsync(new Uri(path, UriKind.Relative));

    /// <summary>A request with the CSRF token and, when given, a JSON body.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var csrf = await GetJsonAsync("/api/csrf");
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-CSRF-TOKEN", csrf.RootElement.GetProperty("token").GetString());
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await _client.SendAsync(request);
    }

    public void Dispose() => _client.Dispose();

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
