using System.Net;
using System.Net.Sockets;
using Appliance.Web.Live;
using Appliance.Web.Tests.Support;
using Appliance.Web.Webhooks;
using Serilog;

namespace Appliance.Web.Tests.Webhooks;

public sealed class WebhookSenderTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task ACrmThatIsDownDoesNotHoldUpTheEventsOfAnother()
    {
        await using var crm = new WebhookReceiver(failures: 0);
        var dead = new Uri($"http://127.0.0.1:{ClosedPort()}/hook/");
        using var http = new HttpClient();
        await using var sender = new WebhookSender(
            [dead, crm.Url],
            http,
            new LoggerConfiguration().CreateLogger(),
            firstRetryDelay: TimeSpan.FromSeconds(5));

        for (var i = 1; i <= 3; i++)
        {
            sender.Enqueue(new FloorEvent("call", "arrived", $"call-{i}", null, "5551234", "100", null, null, null,
                DateTimeOffset.UtcNow));
        }

        var received = new List<string?>();
        for (var i = 0; i < 3; i++)
        {
            received.Add(await crm.NextAsync(TimeSpan.FromSeconds(3)));
        }

        // The dead URL's first event alone takes 5 + 10 + 20 + 40 s of retries: the live CRM's
        // three events arriving within seconds shows each URL is served on its own.
        Assert.All(received, Assert.NotNull);
        Assert.Contains("call-1", received[0], StringComparison.Ordinal);
        Assert.Contains("call-3", received[2], StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
