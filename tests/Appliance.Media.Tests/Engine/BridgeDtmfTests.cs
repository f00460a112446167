using System.Net;
using Appliance.Media.Audio;
using Appliance.Media.Codecs;
using Appliance.Media.Dtmf;
using Appliance.Media.Engine;
using Appliance.Media.Rtp;
using Appliance.Media.Tests.Dtmf;
using Appliance.Media.Tones;

namespace Appliance.Media.Tests.Engine;

/// <summary>
/// Key presses crossing a rig.Bridge between legs of different DTMF modes, over real sockets: raw
/// RTP peers send RFC 4733 events or in-band tones, and what the other peer received is decoded
/// as events (a <see cref="DtmfReceiver"/>) and as audio (an <see cref="InbandDtmfDetector"/>).
/// </summary>
[Trait("Category", "Integration")]
public sealed class BridgeDtmfTests : IAsyncDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(5);

    private readonly CapturingLog _log = new();
    private readonly MediaClock _clock;
    private readonly MediaPortAllocator _ports = new(46000, 46999);

    public BridgeDtmfTests()
    {
        _clock = new MediaClock(_log.Logger);
    }

    public async ValueTask DisposeAsync() => await _clock.DisposeAsync();

    [Fact]
    public async Task EventsFromALegWithTelephoneEventArePlayedAsTonesToALegWithout()
    {
        await using var rig = new Rig(this, callerEvents: true, agentEvents: false);
        rig.CallerPeer.StartTone(440, rig.Caller.LocalPort);
        await rig.AgentPeer.FirstReceived.WaitAsync(s_timeout);

        await SendPressAsync(rig.CallerPeer, rig.Caller.LocalPort, '5', timestamp: 80_000);
        await SendPressAsync(rig.CallerPeer, rig.Caller.LocalPort, '#', timestamp: 96_000);
        var heard = await WaitForInbandDigitsAsync(rig.AgentPeer, count: 2);

        Assert.Equal("5#", heard);
        Assert.Equal(2, rig.Bridge.DigitsConverted);
        Assert.DoesNotContain(rig.AgentPeer.Received, p => p.Header.PayloadType == 101);
        Assert.Equal(440, Goertzel.DominantFrequency(rig.AgentPeer.Audio.Samples(), 8000, 300, 600, 10));
    }

    [Fact]
    public async Task InbandDigitsFromALegWithoutTelephoneEventAreSentAsEventsAndNotAsAudio()
    {
        await using var rig = new Rig(this, callerEvents: false, agentEvents: true);

        rig.CallerPeer.StartAudio(SpeechThenDigits("7*", toneMs: 250), rig.Caller.LocalPort);
        var events = await WaitForEventDigitsAsync(rig.AgentPeer, count: 2);
        await WaitForAudioAsync(rig.AgentPeer, samples: 16_000);

        Assert.Equal("7*", events);
        Assert.Equal(2, rig.Bridge.DigitsConverted);
        Assert.Equal("", Detect(rig.AgentPeer.Audio.Samples()));
        Assert.Equal(440, Goertzel.DominantFrequency(rig.AgentPeer.Audio.Samples(), 8000, 300, 600, 10));
        foreach (var press in EventPackets(rig.AgentPeer).GroupBy(p => p.Header.Timestamp))
        {
            // RFC 4733 §2.5.1: the first packet has the marker, the end packet goes three times.
            Assert.True(press.First().Header.Marker);
            Assert.Equal(DtmfSender.EndRepeats, press.Count(p => p.Event.End));
            Assert.Equal(800, press.Max(p => p.Event.Duration));
        }
    }

    [Fact]
    public async Task AShortToneThatIsNoDigitStillPassesAsAudio()
    {
        await using var rig = new Rig(this, callerEvents: false, agentEvents: true);

        rig.CallerPeer.StartAudio(SpeechThenDigits("7", toneMs: 16), rig.Caller.LocalPort);
        await WaitForAudioAsync(rig.AgentPeer, samples: 16_000);

        Assert.Equal(0, rig.Bridge.DigitsConverted);
        Assert.Empty(EventPackets(rig.AgentPeer));
        var audio = rig.AgentPeer.Audio.Samples();
        Assert.Contains(
            Enumerable.Range(0, (audio.Length / 80) - 1),
            i => Goertzel.Power(audio.AsSpan(i * 80, 128), 8000, 1209) > 0.01);
    }

    [Fact]
    public async Task EventsCrossBetweenTwoLegsWithTelephoneEventAsEvents()
    {
        await using var rig = new Rig(this, callerEvents: true, agentEvents: true);
        rig.CallerPeer.StartTone(440, rig.Caller.LocalPort);
        await rig.AgentPeer.FirstReceived.WaitAsync(s_timeout);

        await SendPressAsync(rig.CallerPeer, rig.Caller.LocalPort, '3', timestamp: 80_000);
        var events = await WaitForEventDigitsAsync(rig.AgentPeer, count: 1);

        Assert.Equal("3", events);
        Assert.Equal(0, rig.Bridge.DigitsConverted);
        Assert.Equal("", Detect(rig.AgentPeer.Audio.Samples()));
    }

    [Fact]
    public async Task TonesBetweenTwoLegsWithoutTelephoneEventPassAsAudio()
    {
        await using var rig = new Rig(this, callerEvents: false, agentEvents: false);

        rig.CallerPeer.StartAudio(SpeechThenDigits("90", toneMs: 80), rig.Caller.LocalPort);
        var heard = await WaitForInbandDigitsAsync(rig.AgentPeer, count: 2);

        Assert.Equal("90", heard);
        Assert.Equal(0, rig.Bridge.DigitsConverted);
        Assert.Empty(EventPackets(rig.AgentPeer));
    }

    [Fact]
    public async Task ADigitRelayedBySignallingReachesEachLegInItsMode()
    {
        await using var rig = new Rig(this, callerEvents: true, agentEvents: false);
        await using var stranger = new RawRtpPeer();

        rig.Bridge.RelayDigit(rig.Caller, '4');
        rig.Bridge.RelayDigit(rig.Caller, '4');
        rig.Bridge.RelayDigit(rig.Agent, '9');
        var heard = await WaitForInbandDigitsAsync(rig.AgentPeer, count: 2);
        var events = await WaitForEventDigitsAsync(rig.CallerPeer, count: 1);

        Assert.Equal("44", heard);
        Assert.Equal("9", events);
        Assert.Throws<ArgumentException>(() => rig.Bridge.RelayDigit(rig.Caller, 'x'));
        await using var other = Open(stranger, telephoneEvents: true);
        Assert.Throws<ArgumentException>(() => rig.Bridge.RelayDigit(other, '1'));
    }

    private RtpEndpoint Open(RawRtpPeer peer, bool telephoneEvents)
    {
        var endpoint = RtpEndpoint.Open(IPAddress.Loopback, _ports, _clock, _log.Logger);
        endpoint.Configure(peer.EndPoint, AudioCodec.Pcmu, 0, telephoneEvents ? 101 : null);
        return endpoint;
    }

    // 300 ms of a quiet 440 Hz (a voice-like tone the detector must let through), then each
    // digit at -10 dBFS a component with 200 ms of the 440 Hz after it, then 440 Hz again.
    private static PromptPlayer SpeechThenDigits(string digits, int toneMs)
    {
        var player = new PromptPlayer();
        player.Enqueue(new ToneGenerator(440, -20).Generate(2400));
        foreach (var digit in digits)
        {
            player.Enqueue(DtmfSignal.Make(digit, toneMs, leadSamples: 0)[..(toneMs * 8)]);
            player.Enqueue(new ToneGenerator(440, -20).Generate(1600));
        }

        player.Enqueue(new ToneGenerator(440, -20).Generate(16_000));
        return player;
    }

    private static async Task SendPressAsync(RawRtpPeer peer, int port, char digit, uint timestamp)
    {
        TelephoneEvent.TryGetEventCode(digit, out var code);
        foreach (var datagram in new TelephoneEventStream().Press(code, timestamp).Datagrams())
        {
            await peer.SendAsync(datagram, port);
        }

        // A real phone's next press comes later; two presses may not overlap in the tone.
        await Task.Delay(MediaClock.Interval * 15);
    }

    private static string Detect(short[] audio)
    {
        var detector = new InbandDtmfDetector();
        var digits = string.Empty;
        detector.DigitDetected += d => digits += d;
        detector.WriteFrame(audio);
        return digits;
    }

    private static List<(RtpHeader Header, TelephoneEvent Event)> EventPackets(RawRtpPeer peer) =>
        [.. peer.Received
            .Where(p => p.Header.PayloadType == 101)
            .Select(p => (p.Header, TelephoneEvent.TryRead(p.Payload, out var e) ? e : default))];

    private static string EventDigits(RawRtpPeer peer)
    {
        var receiver = new DtmfReceiver();
        var digits = string.Empty;
        foreach (var (header, payload, _) in peer.Received.Where(p => p.Header.PayloadType == 101))
        {
            if (receiver.TryAccept(header, payload, out var digit))
            {
                digits += digit;
            }
        }

        return digits;
    }

    private static async Task<string> WaitForInbandDigitsAsync(RawRtpPeer peer, int count)
    {
        var deadline = DateTime.UtcNow + s_timeout;
        while (Detect(peer.Audio.Samples()).Length < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(MediaClock.Interval * 5);
        }

        // Any digit the far end would hear twice shows up in the half second after.
        await WaitForAudioAsync(peer, peer.Audio.Count + 4000);
        return Detect(peer.Audio.Samples());
    }

    private static async Task<string> WaitForEventDigitsAsync(RawRtpPeer peer, int count)
    {
        var deadline = DateTime.UtcNow + s_timeout;
        while (EventDigits(peer).Length < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(MediaClock.Interval * 5);
        }

        return EventDigits(peer);
    }

    private static async Task WaitForAudioAsync(RawRtpPeer peer, int samples)
    {
        var deadline = DateTime.UtcNow + s_timeout;
        while (peer.Audio.Count < samples && DateTime.UtcNow < deadline)
        {
            await Task.Delay(MediaClock.Interval * 5);
        }
    }

    /// <summary>Two raw peers, a leg for each (with or without telephone-event) and the bridge.</summary>
    private sealed class Rig : IAsyncDisposable
    {
        public Rig(BridgeDtmfTests test, bool callerEvents, bool agentEvents)
        {
            Caller = test.Open(CallerPeer, callerEvents);
            Agent = test.Open(AgentPeer, agentEvents);
            Bridge = new MediaBridge(Caller, Agent, test._clock, recorder: null);
        }

        public RawRtpPeer CallerPeer { get; } = new(wantedSamples: 80_000);

        public RawRtpPeer AgentPeer { get; } = new(wantedSamples: 80_000);

        public RtpEndpoint Caller { get; }

        public RtpEndpoint Agent { get; }

        public MediaBridge Bridge { get; }

        public async ValueTask DisposeAsync()
        {
            Bridge.Dispose();
            await Caller.DisposeAsync();
            await Agent.DisposeAsync();
            await CallerPeer.DisposeAsync();
            await AgentPeer.DisposeAsync();
        }
    }
}
