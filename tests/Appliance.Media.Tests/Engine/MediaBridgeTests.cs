using System.Net;
using Appliance.Media.Audio;
using Appliance.Media.Codecs;
using Appliance.Media.Engine;
using Appliance.Media.Jitter;
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
    public async Task ARecordingStartedMidCallHoldsTheTicksFromItsStartOnly()
    {
        await using var callerPeer = new RawRtpPeer(wantedSamples: 4000);
        await using var agentPeer = new RawRtpPeer(wantedSamples: 4000);
        await using var caller = Open(callerPeer);
        await using var agent = Open(agentPeer);
        var path = _folder.File("on-demand.wav");
        var bridge = new MediaBridge(caller, agent, _clock, recorder: null, _log.Logger);
        callerPeer.StartTone(440, caller.LocalPort);
        agentPeer.StartTone(1000, agent.LocalPort);
        await agentPeer.Audio.Filled.WaitAsync(s_timeout);

        var ticksBefore = bridge.Ticks;
        var started = bridge.TryStartRecording(new StereoWavRecorder(path));
        using var second = new StereoWavRecorder(_folder.File("second.wav"));
        var startedTwice = bridge.TryStartRecording(second);
        await Task.Delay(TimeSpan.FromMilliseconds(400));
        bridge.Dispose();
        var ticksAfter = bridge.Ticks;
        using var late = new StereoWavRecorder(_folder.File("late.wav"));
        WavFile.ReadStereo8k(path, out var left, out var right);

        Assert.True(started);
        Assert.False(startedTwice);
        Assert.False(bridge.TryStartRecording(late));
        // A tick or a late clock's catch-up may fall between reading Ticks and the start.
        Assert.InRange(left.Length, (ticksAfter - ticksBefore - 3) * 160, (ticksAfter - ticksBefore) * 160);
        Assert.True(ticksBefore > 0 && left.Length < ticksAfter * 160, "the file holds the ticks before its start");
        Assert.Equal(440, Goertzel.DominantFrequency(left, 8000, 300, 3400, 10));
        Assert.Equal(1000, Goertzel.DominantFrequency(right, 8000, 300, 3400, 10));
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

    [Fact]
    public async Task JitterBufferedLegRecordsReorderedPacketsWithoutGaps()
    {
        await using var callerPeer = new RawRtpPeer();
        await using var agentPeer = new RawRtpPeer();
        await using var caller = Open(callerPeer);
        await using var agent = Open(agentPeer);
        var jitterBuffer = new AdaptiveJitterBuffer();
        caller.JitterBuffer = jitterBuffer;
        var path = _folder.File("reordered.wav");
        var bridge = new MediaBridge(caller, agent, _clock, new StereoWavRecorder(path));

        callerPeer.StartTone(440, caller.LocalPort, swapPairs: true);
        var deadline = DateTime.UtcNow + s_timeout;
        while (caller.PacketsReceived < 60 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await callerPeer.DisposeAsync();
        await Task.Delay(300);
        bridge.Dispose();
        WavFile.ReadStereo8k(path, out var left, out _);

        var loud = Enumerable.Range(0, left.Length / 160)
            .Select(i => Goertzel.Power(left.AsSpan(i * 160, 160), 8000, 440) > 0.01)
            .ToArray();
        // Half the packets arrive after their successor, which a relay in arrival order drops;
        // here all are heard but the few a loaded machine delivers past the playout point.
        var received = caller.PacketsReceived;
        Assert.Equal(received, jitterBuffer.Received + jitterBuffer.Late);
        Assert.Equal(0, jitterBuffer.Duplicates);
        Assert.True(jitterBuffer.Late <= received / 10, $"{jitterBuffer.Late} of {received} were late");
        Assert.True(loud.Count(l => l) >= jitterBuffer.Received, $"{loud.Count(l => l)} frames of tone");
    }

    private RtpEndpoint Open(RawRtpPeer peer)
    {
        var endpoint = RtpEndpoint.Open(IPAddress.Loopback, _ports, _clock, _log.Logger);
        endpoint.Configure(peer.EndPoint, AudioCodec.Pcmu, 0, telephoneEventPayloadType: 101);
        return endpoint;
    }
}
