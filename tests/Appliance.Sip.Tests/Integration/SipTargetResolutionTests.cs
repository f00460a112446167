using System.Net;
using System.Net.Sockets;
using Appliance.Sip.Messages;
using Appliance.Sip.Resolution;
using Appliance.Sip.Tests.Support;
using Appliance.Sip.Transactions;
using Appliance.Sip.Transport;
using DnsClient;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Sip.Tests.Integration;

/// <summary>
/// RFC 3263 resolution against a real DNS server on loopback (DnsClient over UDP), and failover
/// over real SIP sockets: the first SRV target stays silent or answers 503, the second answers.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SipTargetResolutionTests : IAsyncDisposable
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);
    private static readonly string[] s_udp = ["udp"];

    private readonly LoopbackDnsServer _dns = new();
    private readonly CapturedLog _log = new();
    private readonly SipTargetResolver _resolver;

    public SipTargetResolutionTests()
    {
        var client = new LookupClient(new LookupClientOptions(new NameServer(_dns.EndPoint))
        {
            UseCache = false,
            Retries = 0,
            Timeout = TimeSpan.FromSeconds(2),
            UseTcpFallback = false,
        });
        _resolver = new SipTargetResolver(client, _log.Logger);
    }

    [Fact]
    public async Task NaptrLeadsToSrvTargetsInPriorityOrderWithTheirAddresses()
    {
        _dns.AddNaptr("carrier.test", 10, 10, "s", "SIP+D2T", "_sip._tcp.carrier.test");
        _dns.AddNaptr("carrier.test", 20, 10, "s", "SIP+D2U", "_sip._udp.carrier.test");
        _dns.AddSrv("_sip._udp.carrier.test", 20, 0, 5090, "b.carrier.test");
        _dns.AddSrv("_sip._udp.carrier.test", 10, 0, 5080, "a.carrier.test");
        _dns.AddA("a.carrier.test", IPAddress.Parse("127.0.0.11"));
        _dns.AddA("b.carrier.test", IPAddress.Parse("127.0.0.12"));

        var targets = await _resolver.ResolveAsync("carrier.test", port: null, s_udp);

        Assert.Equal(
            [
                new SipTarget(new IPEndPoint(IPAddress.Parse("127.0.0.11"), 5080), "udp"),
                new SipTarget(new IPEndPoint(IPAddress.Parse("127.0.0.12"), 5090), "udp"),
            ],
            targets);
    }

    [Fact]
    public async Task WithoutNaptrOrSrvTheNameItselfIsUsedOnPort5060()
    {
        _dns.AddA("plain.test", IPAddress.Parse("127.0.0.13"));

        var targets = await _resolver.ResolveAsync("plain.test", port: null, s_udp);

        Assert.Equal([new SipTarget(new IPEndPoint(IPAddress.Parse("127.0.0.13"), 5060), "udp")], targets);
        Assert.True(_dns.Questions >= 3, $"{_dns.Questions} questions");
    }

    [Fact]
    public async Task AnIPAddressIsUsedWithoutAskingTheDns()
    {
        var targets = await _resolver.ResolveAsync("127.0.0.14", port: 5070, s_udp);

        Assert.Equal([new SipTarget(new IPEndPoint(IPAddress.Parse("127.0.0.14"), 5070), "udp")], targets);
        Assert.Equal(0, _dns.Questions);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RequestMovesToTheSecondSrvTargetWhenTheFirstIsSilentOrAnswers503(bool firstSilent)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
        await using var boxTransport = new SipUdpTransport(new IPEndPoint(IPAddress.Loopback, 0), _log.Logger);
        await using var box = new SipTransactionLayer(boxTransport, time, _log.Logger);
        box.Start();
        using var silent = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await using var refusing = await AnsweringServerAsync(503);
        await using var answering = await AnsweringServerAsync(200);
        var firstPort = firstSilent
            ? ((IPEndPoint)silent.Client.LocalEndPoint!).Port
            : refusing.Transport.LocalEndPoint.Port;
        _dns.AddSrv("_sip._udp.carrier.test", 10, 0, (ushort)firstPort, "one.carrier.test");
        _dns.AddSrv("_sip._udp.carrier.test", 20, 0, (ushort)answering.Transport.LocalEndPoint.Port, "two.carrier.test");
        _dns.AddA("one.carrier.test", IPAddress.Loopback);
        _dns.AddA("two.carrier.test", IPAddress.Loopback);
        var targets = await _resolver.ResolveAsync("carrier.test", port: null, s_udp);

        var sending = SipFailover.SendAsync(box, Options, targets, _log.Logger);
        if (firstSilent)
        {
            // Timer F (64*T1, RFC 3261 §17.1.2.2) ends the silent target's transaction.
            await Task.Delay(TimeSpan.FromMilliseconds(200));
            time.Advance(TimeSpan.FromSeconds(33));
        }

        var (response, target) = await sending.WaitAsync(s_wait);

        Assert.Equal(2, targets.Count);
        Assert.Equal(200, response?.StatusCode);
        Assert.Equal(answering.Transport.LocalEndPoint.Port, target?.EndPoint.Port);
    }

    public async ValueTask DisposeAsync() => await _dns.DisposeAsync();

    private static SipRequest Options()
    {
        var options = new SipRequest("OPTIONS", new SipUri("sip", null, "carrier.test"));
        options.Headers.Add("From", $"<sip:box@box.test>;tag={SipTransactionLayer.NewTag()}");
        options.Headers.Add("To", "<sip:carrier.test>");
        options.Headers.Add("Call-ID", Guid.NewGuid().ToString("N"));
        options.Headers.Add("CSeq", "1 OPTIONS");
        return options;
    }

    private async Task<AnsweringServer> AnsweringServerAsync(int status)
    {
        var transport = new SipUdpTransport(new IPEndPoint(IPAddress.Loopback, 0), _log.Logger);
        var layer = new SipTransactionLayer(transport, TimeProvider.System, _log.Logger);
        layer.RequestReceived = transaction =>
            transaction.SendResponseAsync(transaction.Request.CreateResponse(status, toTag: "server"));
        layer.Start();
        await Task.Yield();
        return new AnsweringServer(transport, layer);
    }

    private sealed record AnsweringServer(SipUdpTransport Transport, SipTransactionLayer Layer) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Layer.DisposeAsync();
            await Transport.DisposeAsync();
        }
    }
}
