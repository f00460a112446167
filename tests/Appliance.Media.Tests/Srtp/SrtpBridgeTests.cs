using System.Net;
using Appliance.Media.Codecs;
using Appliance.Media.Engine;
using Appliance.Media.Rtp;
using Appliance.Media.Srtp;
using Appliance.Media.Tests.Engine;
using Appliance.Media.Tones;

namespace Appliance.Media.Tests.Srtp;

[Trait("Category", "Integration")]
public sealed class SrtpBridgeTests : IAsyncDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    private readonly CapturingLog _log = new();
    private readonly MediaPortAllocator _ports = new(47000, 47999);
    private readonly MediaClock _clock;

    public SrtpBridgeTests()
    {
        _clock = new MediaClock(_log.Logger);
    }

    public async ValueTask DisposeAsync() => await _clock.DisposeAsync();

    [Fact]
    public async Task AnSrtpCallerThroughLibSrtpAndAPlainAgentHearEachOther()
    {
        var ours = SdesCrypto.CreateRandom(1, SrtpSuite.AesCm128HmacSha1Tag80);
        var theirs = SdesCrypto.CreateRandom(1, SrtpSuite.AesCm128HmacSha1Tag80);
        await using var callerPeer = new LibSrtpRtpPeer(theirs.KeyAndSalt, ours.KeyAndSalt);
        await using var agentPeer = new RawRtpPeer(wantedSamples: 4000);
        await using var caller = Open(callerPeer.EndPoint, ours, theirs);
        await using var agent = Open(agentPeer.EndPoint);
        using var bridge = new MediaBridge(caller, agent, _clock, recorder: null);

        callerPeer.StartTone(440, caller.LocalPort);
        agentPeer.StartTone(1000, agent.LocalPort);
        await Task.WhenAll(callerPeer.Audio.Filled, agentPeer.Audio.Filled).WaitAsync(s_timeout);

        Assert.True(caller.IsSecure);
        Assert.Equal(440, Goertzel.DominantFrequency(agentPeer.Audio.Samples(), 8000, 300, 3400, 10));
        Assert.Equal(1000, Goertzel.DominantFrequency(callerPeer.Audio.Samples(), 8000, 300, 3400, 10));
        Assert.Equal(0, callerPeer.Refused);
        Assert.Equal(0, caller.SrtpRefused);
    }

    [Fact]
    public async Task PlainRtpSentToAnSrtpLegIsRefusedAndDoesNotTakeTheStream()
    {
        var ours = SdesCrypto.CreateRandom(1, SrtpSuite.AesCm128HmacSha1Tag32);
        var theirs = SdesCrypto.CreateRandom(1, SrtpSuite.AesCm128HmacSha1Tag32);
        await using var intruder = new RawRtpPeer();
        await using var far = new RawRtpPeer();
        await using var leg = Open(far.EndPoint, ours, theirs);
        var collector = new SampleCollector(wantedSamples: 160);
        leg.Sink = collector;

        intruder.StartTone(440, leg.LocalPort);
        var deadline = DateTime.UtcNow + s_timeout;
        while (leg.SrtpRefused < 10 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True(leg.SrtpRefused >= 10, $"{leg.SrtpRefused} refused");
        Assert.Equal(0, collector.FramesSeen);
        Assert.Equal(far.EndPoint.Port, leg.RemoteEndPoint!.Port);
    }

    // Keys first, then the far end: a leg configured first would send its first packets plain.
    private RtpEndpoint Open(IPEndPoint remote, SdesCrypto? sending = null, SdesCrypto? receiving = null)
    {
        var endpoint = RtpEndpoint.Open(IPAddress.Loopback, _ports, _clock, _log.Logger);
        endpoint.UseSrtp(sending, receiving);
        endpoint.Configure(remote, AudioCodec.Pcmu, 0, telephoneEventPayloadType: 101);
        return endpoint;
    }
}
