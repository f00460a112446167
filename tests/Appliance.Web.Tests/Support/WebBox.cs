using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Appliance.Service.Tests.Support;

namespace Appliance.Web.Tests.Support;

/// <summary>
/// The real service with its web server on free loopback TCP ports (HTTPS and the HTTP redirect),
/// in the demo or the production profile; <see cref="Https"/> is the base address for browsers.
/// </summary>
public sealed class WebBox : IAsyncDisposable
{
    private WebBox(ApplianceProcess service, int httpsPort, int httpPort)
    {
        Service = service;
        HttpsPort = httpsPort;
        HttpPort = httpPort;
    }

    public ApplianceProcess Service { get; }

    public int HttpsPort { get; }

    public int HttpPort { get; }

    public Uri Https => new($"https://127.0.0.1:{HttpsPort}");

    public Uri Http => new($"http://127.0.0.1:{HttpPort}");

    /// <summary>Starts the service; waits until HTTPS answers.</summary>
    public static async Task<WebBox> StartAsync(string profile, params string[] extraArguments)
    {
        var https = FreeTcpPort();
        var http = FreeTcpPort();
        var service = await ApplianceProcess.StartAsync(
        [
            $"--Appliance:Profile={profile}",
            string.Create(CultureInfo.InvariantCulture, $"--Web:BindAddress=127.0.0.1"),
            string.Create(CultureInfo.InvariantCulture, $"--Web:HttpsPort={https}"),
            string.Create(CultureInfo.InvariantCulture, $"--Web:HttpPort={http}"),
            .. extraArguments,
        ]);
        var box = new WebBox(service, https, http);
        var ready = await service.WaitForOutputAsync("Web pages and CTI API at", TimeSpan.FromSeconds(30));
        Assert.True(ready, "The web server did not start. Output:\n" + service.Output);
        return box;
    }

    /// <summary>An HTTP client that trusts the box's self-signed certificate and keeps cookies.</summary>
    public HttpClient Client(bool followRedirects = true)
    {
#pragma warning disable CA2000 // The handler is owned by the client, which the caller disposes.
        var handler = new HttpClientHandler
        {
            CookieContainer = new CookieContainer(),
            AllowAutoRedirect = followRedirects,
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        };
#pragma warning restore CA2000
        return new HttpClient(handler, disposeHandler: true) { BaseAddress = Https, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Logs <paramref name="client"/> in through the CSRF-protected login API.</summary>
    public static async Task LoginAsync(HttpClient client, string name, string password = "demo")
    {
        var token = await client.GetStringAsync(new Uri("/api/csrf", UriKind.Relative));
        using var csrf = JsonDocument.Parse(token);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/login")
        {
            Content = JsonContent.Create(new { name, password }),
        };
        request.Headers.Add("X-CSRF-TOKEN", csrf.RootElement.GetProperty("token").GetString());
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>
    /// Stops the service, runs <paramref name="statements"/> on its database (settings no page
    /// edits) and starts it again on the same ports; the returned box owns the data folder.
    /// </summary>
    public async Task<WebBox> ConfigureAsync(params string[] statements)
    {
        await Service.StopGracefullyAsync(TimeSpan.FromSeconds(20));
        using (var db = new SQLite.SQLiteConnection(Service.DatabasePath))
        {
            foreach (var statement in statements)
            {
                db.Execute(statement);
            }
        }

        var service = await Service.StartAgainAsync();
        var ready = await service.WaitForOutputAsync("Web pages and CTI API at", TimeSpan.FromSeconds(30));
        Assert.True(ready, "The web server did not start again. Output:\n" + service.Output);
        return new WebBox(service, HttpsPort, HttpPort);
    }

    public ValueTask DisposeAsync() => Service.DisposeAsync();

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
