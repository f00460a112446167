using System.Net;
using Appliance.Media.Codecs;
using Appliance.Media.Codecs.Wideband;
using Appliance.Media.Dtmf;
using Appliance.Media.Engine;
using Appliance.Media.Rtp;
using Appliance.Media.Tests.Engine;
using Appliance.Media.Tones;
using Concentus;

namespace Appliance.Media.Tests.Codecs;

[Trait("Category", "Integration")]
public sealed class CodecEndpointTests : IAsyncDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    private readonly CapturingLog _log = new();
    private readonly MediaClock _clock;
    private readonly MediaPortAllocator _ports = new(46000, 46999);

    public CodecEndpointTests()
    {
        _clock = new MediaClock(_log.Logger);
    }

    public async ValueTask DisposeAsync() => await _clock.DisposeAsync();

    [Theory]
    [InlineData(10)]
    [InlineData(20)]
    [InlineData(30)]
    public async Task G722LegSendsPacketsOfTheFarEndsPtimeCarryingTheTone(int ptimeMs)
    {
        await using var peer = new RawRtpPeer();
        await using var leg = RtpEndpoint.Open(IPAddress.Loopback, _ports, _clock, _log.Logger);
        leg.Source = new ToneGenerator(1000);

        leg.Configure(peer.EndPoint, AudioCodec.G722, 9, 101, ptimeMs);
        var packets = await ReceiveAsync(peer, 40);

        Assert.All(packets, p => Assert.Equal(9, p.Header.PayloadType));
        Assert.All(packets, p => Assert.Equal(ptimeMs * 8, p.Payload.Length));
        Assert.All(packets.Zip(packets.Skip(1)), p =>
            Assert.Equal((uint)(ptimeMs * 8), p.Second.Header.Timestamp - p.First.Header.Timestamp));
        var wideband = DecodeG722(packets);
        Assert.Equal(1000, ToneMeasure.DominantFrequency(wideband.AsSpan(1600), 16000), 10.0);
        Assert.True(ToneMeasure.SnrDb(wideband.AsSpan(1600), 16000, 1000) > 20);
    }

    [Fact]
    public async Task OpusLegCountsTimestampsAt48KilohertzAndCarriesTheTone()
    {
        await using var peer = new RawRtpPeer();
        await using var leg = RtpEndpoint.Open(IPAddress.Loopback, _ports, _clock, _log.Logger);
        leg.Source = new ToneGenerator(700);

        leg.Configure(peer.EndPoint, AudioCodec.Opus, 111, 101, ptimeMs: 20);
        var packets = await ReceiveAsync(peer, 40);

        Assert.All(packets.Zip(packets.Skip(1)), p =>
            Assert.Equal(960u, p.Second.Header.Timestamp - p.First.Header.Timestamp));
        var decoder = OpusCodecFactory.CreateDecoder(48000, 1);
        var audio = new List<short>();
        var pcm = new short[5760];
        foreach (var packet in packets)
        {
            var count = decoder.Decode(packet.Payload, pcm, pcm.Length);
            audio.AddRange(pcm.AsSpan(0, count).ToArray());
        }

        var settled = audio.ToArray().AsSpan(9600);
        Assert.Equal(700, ToneMeasure.DominantFrequency(settled[..9600], 48000), 10.0);
        Assert.True(ToneMeasure.SnrDb(settled, 48000, 700) > 15);
    }

    [Fact]
    public async Task OpusLegSendsTelephoneEventDurationsIn48KilohertzUnits()
    {
        await using var peer = new RawRtpPeer();
        await using var leg = RtpEndpoint.Open(IPAddress.Loopback, _ports, _clock, _log.Logger);
        leg.Configure(peer.EndPoint, AudioCodec.Opus, 111, 101);

        leg.SendDtmf('5', TimeSpan.FromMilliseconds(100));
        var deadline = DateTime.UtcNow + s_timeout;
        while (peer.Received.Count(p => p.Header.PayloadType == 101) < 8 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var events = peer.Received.Where(p => p.Header.PayloadType == 101).ToList();
        Assert.True(TelephoneEvent.TryRead(events[^1].Payload, out var last));
        Assert.True(last.End);
        Assert.Equal(4800, last.Duration);
        Assert.All(events, e => Assert.Equal(events[0].Header.Timestamp, e.Header.Timestamp));
    }

    [Theory]
    [InlineData(AudioCodec.G722, 9, 10)]
    [InlineData(AudioCodec.G722, 9, 30)]
    [InlineData(AudioCodec.Opus, 111, 20)]
    public async Task ReceivedWidebandPacketsArriveAsAn8KilohertzTone(AudioCodec codec, int payloadType, int ptimeMs)
    {
        await using var peer = new RawRtpPeer();
        await using var leg = RtpEndpoint.Open(IPAddress.Loopback, _ports, _clock, _log.Logger);
        var heard = new SampleCollector(8000);
        leg.Sink = heard;
        leg.Configure(peer.EndPoint, codec, payloadType, null, ptimeMs);

        using var stop = new CancellationTokenSource();
        var sending = EncodedTone.SendAsync(peer, leg.LocalPort, codec, payloadType, ptimeMs, 1200, stop.Token);
        await heard.Filled.WaitAsync(s_timeout);
        await stop.CancelAsync();
        await sending;

        var samples = heard.Samples().AsSpan(2400);
        Assert.Equal(1200, ToneMeasure.DominantFrequency(samples, 8000), 10.0);
        Assert.True(ToneMeasure.SnrDb(samples, 8000, 1200) > 15);
    }

    private static async Task<List<(RtpHeader Header, byte[] Payload)>> ReceiveAsync(RawRtpPeer peer, int count)
    {
        var deadline = DateTime.UtcNow + s_timeout;
        while (peer.Received.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return [.. peer.Received.Take(count).Select(p => (p.Header, p.Payload))];
    }

    private static short[] DecodeG722(List<(RtpHeader Header, byte[] Payload)> packets)
    {
        var decoder = new G722Decoder();
        var audio = new List<short>();
        foreach (var packet in packets)
        {
            var samples = new short[packet.Payload.Length * 2];
            decoder.Decode(packet.Payload, samples);
            audio.AddRange(samples);
        }

        return [.. audio];
    }
}
