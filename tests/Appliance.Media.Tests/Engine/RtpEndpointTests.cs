using System.Net;
using Appliance.Media.Audio;
using Appliance.Media.Codecs;
using Appliance.Media.Engine;
using Appliance.Media.Jitter;
using Appliance.Media.Rtp;
using Appliance.Media.Tests.Dtmf;
using Appliance.Media.Tones;
using Serilog.Events;

namespace Appliance.Media.Tests.Engine;

[Trait("Category", "Integration")]
public sealed class RtpEndpointTests : IAsyncDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(5);

    private readonly CapturingLog _log = new();
    private readonly MediaClock _clock;
    private readonly MediaPortAllocator _ports = new(41000, 41999);

    public RtpEndpointTests()
    {
        _clock = new MediaClock(_log.Logger);
    }

    public async ValueTask DisposeAsync() => await _clock.DisposeAsync();

    [Theory]
    [InlineData(AudioCodec.Pcmu)]
    [InlineData(AudioCodec.Pcma)]
    public async Task ATonePlayedIntoOneEndpointArrivesAtTheOther(AudioCodec codec)
    {
        await using var a = Open();
        await using var b = Open();
        var heard = new SampleCollector(4000);
        b.Sink = heard;
        a.Source = new ToneGenerator(440);

        a.Configure(Loopback(b.LocalPort), codec, (int)codec, telephoneEventPayloadType: 101);
        await heard.Filled.WaitAsync(s_timeout);

        Assert.Equal(440, Goertzel.DominantFrequency(heard.Samples(), 8000, 300, 3400, 10));
        Assert.Equal(0, b.MalformedPackets);
    }

    [Fact]
    public async Task AnRfc4733DigitFromARawPeerIsReportedOnce()
    {
        await using var endpoint = Open();
        await using var peer = new RawRtpPeer();
        var digits = new DigitCollector(2);
        endpoint.DtmfReceived += digits.Add;
        endpoint.Configure(peer.EndPoint, AudioCodec.Pcmu, 0, telephoneEventPayloadType: 101);
        var first = new TelephoneEventStream().Press(5, timestamp: 16000).Datagrams().ToList();
        var second = new TelephoneEventStream().Press(7, timestamp: 32000).Datagrams();

        foreach (var datagram in first.Concat(first).Concat(second))
        {
            await peer.SendAsync(datagram, endpoint.LocalPort);
        }

        await digits.Complete.WaitAsync(s_timeout);

        Assert.Equal("57", digits.Text);
    }

    [Fact]
    public async Task ADigitWhosePacketsAlternateWithAudioOfAnotherSsrcIsReportedOnce()
    {
        await using var endpoint = Open();
        await using var peer = new RawRtpPeer();
        var digits = new DigitCollector(2);
        endpoint.DtmfReceived += digits.Add;
        endpoint.Configure(peer.EndPoint, AudioCodec.Pcmu, 0, telephoneEventPayloadType: 101);
        var first = new TelephoneEventStream().Press(5, timestamp: 16000).Datagrams().ToList();
        var second = new TelephoneEventStream().Press(7, timestamp: 32000).Datagrams();

        // SIPp plays a pcap of events with their own SSRC while it streams audio with another.
        ushort sequence = 1;
        foreach (var datagram in first)
        {
            await peer.SendAsync(TonePacket(sequence++), endpoint.LocalPort);
            await peer.SendAsync(datagram, endpoint.LocalPort);
        }

        foreach (var datagram in second)
        {
            await peer.SendAsync(datagram, endpoint.LocalPort);
        }

        await digits.Complete.WaitAsync(s_timeout);

        Assert.Equal("57", digits.Text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ALegWithoutTelephoneEventReportsTheDigitsKeyedInItsAudio(bool jitterBuffer)
    {
        await using var endpoint = Open();
        await using var peer = new RawRtpPeer();
        var digits = new DigitCollector(3);
        endpoint.DtmfReceived += digits.Add;
        endpoint.JitterBuffer = jitterBuffer ? new AdaptiveJitterBuffer() : null;
        endpoint.Configure(peer.EndPoint, AudioCodec.Pcmu, 0, telephoneEventPayloadType: null);

        peer.StartAudio(KeyedAudio("1#1"), endpoint.LocalPort);
        await digits.Complete.WaitAsync(s_timeout);

        Assert.Equal("1#1", digits.Text);
        Assert.False(endpoint.HasTelephoneEvents);
    }

    [Fact]
    public async Task ALegWithTelephoneEventTakesItsDigitsFromEventsOnly()
    {
        await using var endpoint = Open();
        await using var peer = new RawRtpPeer();
        var digits = new DigitCollector(1);
        endpoint.DtmfReceived += digits.Add;
        endpoint.Configure(peer.EndPoint, AudioCodec.Pcmu, 0, telephoneEventPayloadType: 101);

        peer.StartAudio(KeyedAudio("1#1"), endpoint.LocalPort);
        var deadline = DateTime.UtcNow + s_timeout;
        while (endpoint.PacketsReceived < 60 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(MediaClock.Interval * 5);
        }

        Assert.True(endpoint.PacketsReceived >= 60, $"{endpoint.PacketsReceived} packets arrived");
        Assert.Equal("", digits.Text);
        Assert.True(endpoint.HasTelephoneEvents);
    }

    [Fact]
    public async Task ADigitSentByOneEndpointIsReportedOnceByTheOther()
    {
        await using var a = Open();
        await using var b = Open();
        var digits = new DigitCollector(2);
        b.DtmfReceived += digits.Add;
        b.Configure(Loopback(a.LocalPort), AudioCodec.Pcmu, 0, telephoneEventPayloadType: 101);
        a.Configure(Loopback(b.LocalPort), AudioCodec.Pcmu, 0, telephoneEventPayloadType: 101);

        a.SendDtmf('9', TimeSpan.FromMilliseconds(60));
        a.SendDtmf('#', TimeSpan.FromMilliseconds(60));
        await digits.Complete.WaitAsync(s_timeout);

        Assert.Equal("9#", digits.Text);
    }

    [Fact]
    public async Task PacketsCarryConsecutiveSequenceNumbersAndTimestampsAndSilence()
    {
        await using var endpoint = Open();
        await using var peer = new RawRtpPeer();

        endpoint.Configure(peer.EndPoint, AudioCodec.Pcmu, 0, telephoneEventPayloadType: null);
        await WaitUntilAsync(() => peer.Received.Count >= 5);

        var packets = peer.Received.Take(5).ToList();
        Assert.True(packets[0].Header.Marker);
        Assert.All(packets.Skip(1), p => Assert.False(p.Header.Marker));
        for (var i = 1; i < packets.Count; i++)
        {
            var previous = packets[i - 1].Header;
            Assert.Equal((ushort)(previous.SequenceNumber + 1), packets[i].Header.SequenceNumber);
            Assert.Equal(previous.Timestamp + 160, packets[i].Header.Timestamp);
        }

        Assert.All(packets, p => Assert.Equal(endpoint.Ssrc, p.Header.Ssrc));
        Assert.All(packets, p => Assert.Equal(0, p.Header.PayloadType));
        Assert.All(packets, p => Assert.All(p.Payload, code => Assert.Equal(G711.MuLawSilence, code)));
    }

    [Fact]
    public async Task NothingIsSentBeforeConfigure()
    {
        await using var endpoint = Open();

        await Task.Delay(100);

        Assert.Equal(0, endpoint.PacketsSent);
    }

    [Fact]
    public async Task TheEndpointLatchesToTheAddressThePacketsComeFrom()
    {
        await using var endpoint = Open();
        await using var sdpAddress = new RawRtpPeer();
        await using var realPeer = new RawRtpPeer();
        endpoint.Configure(sdpAddress.EndPoint, AudioCodec.Pcmu, 0, telephoneEventPayloadType: null);

        await realPeer.SendAsync(SilencePacket(sequence: 1), endpoint.LocalPort);
        await realPeer.FirstReceived.WaitAsync(s_timeout);

        Assert.Equal(realPeer.EndPoint, endpoint.RemoteEndPoint);
        Assert.Equal(endpoint.LocalPort, realPeer.Received[0].From.Port);
    }

    [Fact]
    public async Task MalformedPacketsAreCountedWarnedOnceAndTheLoopGoesOn()
    {
        await using var endpoint = Open();
        await using var peer = new RawRtpPeer();
        var heard = new SampleCollector(160);
        endpoint.Sink = heard;

        byte[][] garbage = [[1, 2, 3], new byte[20], [0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]];

        foreach (var datagram in garbage)
        {
            await peer.SendAsync(datagram, endpoint.LocalPort);
        }

        await peer.SendAsync(TonePacket(sequence: 1), endpoint.LocalPort);
        await heard.Filled.WaitAsync(s_timeout);

        Assert.Equal(3, endpoint.MalformedPackets);
        Assert.Equal(1, _log.Events.Count(e => e.Level == LogEventLevel.Warning
            && e.MessageTemplate.Text.Contains("dropped", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ThirtyMillisecondPacketsAreCutIntoTwentyMillisecondFrames()
    {
        await using var endpoint = Open();
        await using var peer = new RawRtpPeer();
        var heard = new SampleCollector(640);
        endpoint.Sink = heard;

        for (ushort sequence = 1; sequence <= 3; sequence++)
        {
            await peer.SendAsync(TonePacket(sequence, samples: 240), endpoint.LocalPort);
        }

        await heard.Filled.WaitAsync(s_timeout);

        Assert.Equal(4, heard.FramesSeen);
    }

    [Fact]
    public async Task ADuplicatedAudioPacketIsDeliveredOnce()
    {
        await using var endpoint = Open();
        await using var peer = new RawRtpPeer();
        var heard = new SampleCollector(320);
        endpoint.Sink = heard;

        await peer.SendAsync(TonePacket(sequence: 5), endpoint.LocalPort);
        await peer.SendAsync(TonePacket(sequence: 5), endpoint.LocalPort);
        await peer.SendAsync(TonePacket(sequence: 6), endpoint.LocalPort);
        await heard.Filled.WaitAsync(s_timeout);

        Assert.Equal(2, heard.FramesSeen);
        Assert.Equal(1, endpoint.IgnoredPackets);
    }

    [Fact]
    public async Task TheEndpointBindsAnEvenPortOfTheRangeAndGivesItBack()
    {
        var ports = new MediaPortAllocator(42000, 42099);
        var endpoint = RtpEndpoint.Open(IPAddress.Loopback, ports, _clock, _log.Logger);
        var port = endpoint.LocalPort;

        await endpoint.DisposeAsync();

        Assert.InRange(port, 42000, 42099);
        Assert.Equal(0, port % 2);
        Assert.Equal(port, endpoint.LocalEndPoint.Port);
        Assert.Equal(0, ports.InUse);
    }

    [Fact]
    public async Task APortHeldByAnotherSocketIsSkipped()
    {
        var ports = new MediaPortAllocator(43000, 43099);
        await using var holder = new RawRtpPeerOnPort(43000);

        await using var endpoint = RtpEndpoint.Open(IPAddress.Loopback, ports, _clock, _log.Logger);

        Assert.NotEqual(43000, endpoint.LocalPort);
        Assert.Equal(1, ports.InUse);
    }

    [Fact]
    public async Task AnExhaustedRangeThrowsNamingIt()
    {
        var ports = new MediaPortAllocator(44000, 44001);
        await using var only = RtpEndpoint.Open(IPAddress.Loopback, ports, _clock, _log.Logger);

        var thrown = Assert.Throws<InvalidOperationException>(
            () => RtpEndpoint.Open(IPAddress.Loopback, ports, _clock, _log.Logger));

        Assert.Contains("44000-44001", thrown.Message, StringComparison.Ordinal);
    }

    private RtpEndpoint Open() => RtpEndpoint.Open(IPAddress.Loopback, _ports, _clock, _log.Logger);

    private static IPEndPoint Loopback(int port) => new(IPAddress.Loopback, port);

    private static byte[] SilencePacket(ushort sequence)
    {
        var packet = new byte[172];
        new RtpHeader { PayloadType = 0, SequenceNumber = sequence, Ssrc = 77 }.Write(packet);
        packet.AsSpan(12).Fill(G711.MuLawSilence);
        return packet;
    }

    private static byte[] TonePacket(ushort sequence, int samples = 160)
    {
        var packet = new byte[12 + samples];
        new RtpHeader { PayloadType = 0, SequenceNumber = sequence, Timestamp = sequence * 160u, Ssrc = 77 }
            .Write(packet);
        G711.Encode(AudioCodec.Pcmu, new ToneGenerator(1000).Generate(samples), packet.AsSpan(12));
        return packet;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + s_timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not come true in time.");
            await Task.Delay(10);
        }
    }

    // Each key for 80 ms between 200 ms pauses, as a phone without telephone-event keys them.
    private static PromptPlayer KeyedAudio(string keys)
    {
        var player = new PromptPlayer();
        foreach (var key in keys)
        {
            player.Enqueue(DtmfSignal.Make(key, toneMs: 80, leadSamples: 1600));
        }

        return player;
    }

    private sealed class DigitCollector(int wanted)
    {
        private readonly TaskCompletionSource _complete =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
        private string _text = "";

        public Task Complete => _complete.Task;

        public string Text => Volatile.Read(ref _text);

        public void Add(char digit)
        {
            var text = _text + digit;
            Volatile.Write(ref _text, text);
            if (text.Length >= wanted)
            {
                _complete.TrySetResult();
            }
        }
    }

    private sealed class RawRtpPeerOnPort(int port) : IAsyncDisposable
    {
        private readonly System.Net.Sockets.UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, port));

        public ValueTask DisposeAsync()
        {
            _udp.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
