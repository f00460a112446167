using System.Net;
using System.Net.Sockets;
using System.Text;
using Appliance.Sip.Messages;
using Appliance.Sip.Tests.Support;
using Appliance.Sip.Transport;
using Microsoft.Extensions.Time.Testing;
using Serilog.Events;

namespace Appliance.Sip.Tests.Transport;

public sealed class MalformedDatagramSummaryTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.Zero));
    private readonly CapturedLog _log = new();

    [Fact]
    [Trait("Category", "Integration")]
    public async Task FloodIsSummarisedInOneWarningWhenThePeersNextMinuteStarts()
    {
        await using var transport = new SipUdpTransport(
            new IPEndPoint(IPAddress.Loopback, 0), _log.Logger, _time);
        var received = 0;
        transport.MessageReceived = (_, _) =>
        {
            Interlocked.Increment(ref received);
            return ValueTask.CompletedTask;
        };
        transport.Start();
        using var peer = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));

        await SendGarbageThenMarkerAsync(peer, transport, 20, expectedMarkers: 1, () => received);
        _time.Advance(TimeSpan.FromSeconds(61));
        await SendGarbageThenMarkerAsync(peer, transport, 1, expectedMarkers: 2, () => received);

        var warnings = _log.At(LogEventLevel.Warning);
        Assert.Equal(3, warnings.Count);
        var summary = Assert.Single(warnings, w => w.Properties.ContainsKey("Count"));
        Assert.Equal("19", summary.Properties["Count"].ToString());
        Assert.Equal("\"127.0.0.1\"", summary.Properties["RemoteAddress"].ToString());
    }

    [Fact]
    public void TimerSummarisesAPeerThatFellQuiet()
    {
        using var limiter = new PeerWarningThrottle(_log.Logger, _time, MalformedDatagrams.Summarise);
        var address = IPAddress.Parse("192.0.2.7");
        var logged = Enumerable.Range(0, 5).Select(_ => limiter.ShouldLog(address)).ToArray();

        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal([true, false, false, false, false], logged);
        var summary = Assert.Single(_log.At(LogEventLevel.Warning));
        Assert.Equal("4", summary.Properties["Count"].ToString());
        Assert.Equal(0, limiter.PeerCount);
    }

    [Fact]
    public void PeerTableStaysWithinItsCapacity()
    {
        using var limiter = new PeerWarningThrottle(_log.Logger, _time, MalformedDatagrams.Summarise, capacity: 50);

        for (var i = 0; i < 500; i++)
        {
            limiter.ShouldLog(new IPAddress(0x0A000000u + (uint)i));
        }

        Assert.Equal(50, limiter.PeerCount);
    }

    private static async Task SendGarbageThenMarkerAsync(
        UdpClient peer,
        SipUdpTransport transport,
        int garbage,
        int expectedMarkers,
        Func<int> received)
    {
        for (var i = 0; i < garbage; i++)
        {
            await peer.SendAsync("HELLO WORLD\r\n\r\n"u8.ToArray(), transport.LocalEndPoint);
        }

        var marker = SipTexts.Request("OPTIONS", "sip:100@127.0.0.1", $"z9hG4bKm{expectedMarkers}", "m", 1);
        await peer.SendAsync(Encoding.UTF8.GetBytes(marker), transport.LocalEndPoint);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (received() < expectedMarkers)
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
