using System.Buffers.Binary;
using System.Net;
using Appliance.Media.Codecs;
using Appliance.Media.Engine;
using Appliance.Media.Rtp;

namespace Appliance.Media.Tests.Engine;

[Trait("Category", "Integration")]
public sealed class RtpQualityTests : IAsyncDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    private readonly CapturingLog _log = new();
    private readonly MediaClock _clock;
    private readonly MediaPortAllocator _ports = new(46000, 46999);

    public RtpQualityTests()
    {
        _clock = new MediaClock(_log.Logger);
    }

    public async ValueTask DisposeAsync() => await _clock.DisposeAsync();

    [Fact]
    public async Task TwoEndpointsExchangeRtcpAndMeasureALoopbackRoundTrip()
    {
        await using var a = RtpEndpoint.Open(IPAddress.Loopback, _ports, _clock, _log.Logger);
        await using var b = RtpEndpoint.Open(IPAddress.Loopback, _ports, _clock, _log.Logger);
        a.ReportEveryTicks = 10;
        b.ReportEveryTicks = 10;

        a.Configure(b.LocalEndPoint, AudioCodec.Pcmu, 0, null);
        b.Configure(a.LocalEndPoint, AudioCodec.Pcmu, 0, null);
        await WaitUntil(() => a.RoundTrip is not null && b.RoundTrip is not null);

        // Loopback answers in well under a millisecond; a shared, loaded CI machine takes longer.
        Assert.InRange(a.RoundTrip!.Value.TotalMilliseconds, 0, 1000);
        Assert.True(b.RtcpReportsReceived > 0);
        Assert.Equal(0, a.Quality.LossPercent);
        Assert.InRange(a.Quality.Mos, 4.3, 4.5);
    }

    [Fact]
    public async Task ReportsGoToTheRtcpAddressTheSdpNamedInsteadOfTheRtpPortPlusOne()
    {
        await using var rtpPeer = new RawRtpPeer();
        using var rtcpPeer = new System.Net.Sockets.UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await using var endpoint = RtpEndpoint.Open(IPAddress.Loopback, _ports, _clock, _log.Logger);
        endpoint.ReportEveryTicks = 5;
        var rtcpAt = (IPEndPoint)rtcpPeer.Client.LocalEndPoint!;

        endpoint.Configure(rtpPeer.EndPoint, AudioCodec.Pcmu, 0, null, remoteRtcp: rtcpAt);
        var report = await rtcpPeer.ReceiveAsync().WaitAsync(TimeSpan.FromSeconds(5));

        // RFC 3550 §6.4.1: a compound report starts with an SR (packet type 200) from our SSRC.
        Assert.Equal(200, report.Buffer[1]);
        Assert.Equal(endpoint.Ssrc, BinaryPrimitives.ReadUInt32BigEndian(report.Buffer.AsSpan(4)));
        Assert.Equal(endpoint.LocalPort + 1, report.RemoteEndPoint.Port);
        Assert.NotEqual(rtpPeer.EndPoint.Port + 1, rtcpAt.Port);
    }

    [Fact]
    public async Task PacketsMissingFromTheStreamShowAsLossAndLowerTheMos()
    {
        await using var peer = new RawRtpPeer();
        await using var endpoint = RtpEndpoint.Open(IPAddress.Loopback, _ports, _clock, _log.Logger);
        endpoint.Configure(peer.EndPoint, AudioCodec.Pcmu, 0, null);

        // 200 packets with every tenth one left out: 10 % loss.
        var payload = new byte[160];
        for (var n = 0; n < 200; n++)
        {
            if (n % 10 == 3)
            {
                continue;
            }

            var packet = new byte[172];
            var header = new RtpHeader
            {
                SequenceNumber = (ushort)(40000 + n),
                Timestamp = (uint)(n * 160),
                Ssrc = 5,
            };
            RtpPacket.Write(packet, header, payload);
            await peer.SendAsync(packet, endpoint.LocalPort);
        }

        await WaitUntil(() => endpoint.PacketsReceived == 180);
        var quality = endpoint.Quality;

        Assert.Equal(10, quality.LossPercent, precision: 1);
        Assert.Equal(200, quality.PacketsExpected);
        Assert.InRange(quality.Mos, 2.5, 3.9);
    }

    [Fact]
    public async Task SilenceFromTheFarEndShowsInSinceLastPacket()
    {
        await using var peer = new RawRtpPeer();
        await using var endpoint = RtpEndpoint.Open(IPAddress.Loopback, _ports, _clock, _log.Logger);
        endpoint.Configure(peer.EndPoint, AudioCodec.Pcmu, 0, null);
        var packet = new byte[172];
        RtpPacket.Write(packet, new RtpHeader { Ssrc = 1 }, new byte[160]);
        await peer.SendAsync(packet, endpoint.LocalPort);
        await WaitUntil(() => endpoint.PacketsReceived == 1);

        await Task.Delay(300);

        Assert.InRange(endpoint.SinceLastPacket.TotalMilliseconds, 250, 5000);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + s_timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition was not met in time");
            await Task.Delay(20);
        }
    }
}
