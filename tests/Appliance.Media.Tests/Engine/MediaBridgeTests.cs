using System.Net;
using Appliance.Media.Audio;
using Appliance.Media.Codecs;
using Appliance.Media.Engine;
using Appliance.Media.Rtp;
using Appliance.Media.Tones;

namespace Appliance.Media.Tests.Engine;

[Trait("Category", "Integration")]
public sealed class MediaBridgeTests : IAsyncDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(5);

    private readonly CapturingLog _log = new();
    private readonly TempFolder _folder = new();
    private readonly MediaClock _clock;
    private readonly MediaPortAllocator _ports = new(45000, 45999);

    public MediaBridgeTests()
    {
        _clock = new MediaClock(_log.Logger);
    }

    public async ValueTask DisposeAsync()
    {
        await _clock.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task EachSideHearsTheOtherAndTheRecordingHoldsCallerLeftAndAgentRight()
    {
        await using var callerPeer = new RawRtpPeer(wantedSamples: 4000);
        await using var agentPeer = new RawRtpPeer(wantedSamples: 4000);
        await using var caller = Open(callerPeer);
        await using var agent = Open(agentPeer);
        var path = _folder.File("call.wav");
        var bridge = new MediaBridge(caller, agent, _clock, new StereoWavRecorder(path), _log.Logger);

        callerPeer.StartTone(440, caller.LocalPort);
        agentPeer.StartTone(1000, agent.LocalPort);
        await Task.WhenAll(callerPeer.Audio.Filled, agentPeer.Audio.Filled).WaitAsync(s_timeout);
        bridge.Dispose();
        WavFile.ReadStereo8k(path, out var left, out var right);

        Assert.Equal(440, Goertzel.DominantFrequency(agentPeer.Audio.Samples(), 8000, 300, 3400, 10));
        Assert.Equal(1000, Goertzel.DominantFrequency(callerPeer.Audio.Samples(), 8000, 300, 3400, 10));
        Assert.Equal(440, Goertzel.DominantFrequency(left, 8000, 300, 3400, 10));
        Assert.Equal(1000, Goertzel.DominantFrequency(right, 8000, 300, 3400, 10));
        Assert.Equal(bridge.Ticks * 160, left.Length);
    }

    [Fact]
    public async Task DisposeGivesTheLegsBackAndClosesTheRecording()
    {
        await using var callerPeer = new RawRtpPeer();
        await using var agentPeer = new RawRtpPeer();
        await using var caller = Open(callerPeer);
        await using var agent = Open(agentPeer);
        var recorder = new StereoWavRecorder(_folder.File("short.wav"));
        var bridge = new MediaBridge(caller, agent, _clock, recorder);

        bridge.Dispose();

        Assert.Null(caller.Sink);
        Assert.Null(caller.Source);
        Assert.Null(agent.Sink);
        Assert.Null(agent.Source);
        Assert.Throws<ObjectDisposedException>(() => recorder.Flush());
    }

    [Fact]
    public async Task ASideThatSendsNothingIsRecordedAsSilence()
    {
        await using var callerPeer = new RawRtpPeer(wantedSamples: 1600);
        await using var agentPeer = new RawRtpPeer();
        await using var caller = Open(callerPeer);
        await using var agent = Open(agentPeer);
        var path = _folder.File("oneway.wav");
        var bridge = new MediaBridge(caller, agent, _clock, new StereoWavRecorder(path));

        callerPeer.StartTone(440, caller.LocalPort);
        await agentPeer.Audio.Filled.WaitAsync(s_timeout);
        bridge.Dispose();
        WavFile.ReadStereo8k(path, out var left, out var right);

        Assert.Equal(440, Goertzel.DominantFrequency(left, 8000, 300, 3400, 10));
        Assert.All(right, s => Assert.Equal(0, s));
    }

    private RtpEndpoint Open(RawRtpPeer peer)
    {
        var endpoint = RtpEndpoint.Open(IPAddress.Loopback, _ports, _clock, _log.Logger);
        endpoint.Configure(peer.EndPoint, AudioCodec.Pcmu, 0, telephoneEventPayloadType: 101);
        return endpoint;
    }
}
