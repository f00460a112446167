using System.Net;
using Appliance.Media.Audio;
using Appliance.Media.Codecs;
using Appliance.Media.Engine;
using Appliance.Media.Rtp;
using Appliance.Media.Tones;

namespace Appliance.Media.Tests.Engine;

[Trait("Category", "Integration")]
[Collection(AllocationCollection.Name)]
public sealed class AllocationTests
{
    private const int Rounds = 40;

    private static Serilog.ILogger Log => new CapturingLog().Logger;

    [Fact]
    public async Task SendingAFrameAllocatesNothingOnTheClockThread()
    {
        await using var clock = new MediaClock(new CapturingLog().Logger);
        var ports = new MediaPortAllocator(46000, 46099);
        var probe = new AllocationProbe(Rounds);
        clock.Register(probe.Before);
        await using var endpoint = RtpEndpoint.Open(IPAddress.Loopback, ports, clock, Log);
        clock.Register(probe.After);
        await using var peer = new RawRtpPeer();
        endpoint.Source = new ToneGenerator(440);

        endpoint.Configure(peer.EndPoint, AudioCodec.Pcmu, 0, telephoneEventPayloadType: 101);
        await probe.Done.WaitAsync(TimeSpan.FromSeconds(5));

        // Only the endpoint ticks between the two probes; most rounds must allocate nothing.
        Assert.True(
            probe.ZeroRounds >= Rounds / 2,
            $"Only {probe.ZeroRounds} of {Rounds} ticks allocated nothing.");
    }

    [Fact]
    public async Task ReceivingAPacketAllocatesNothingOnTheReceiveLoop()
    {
        await using var clock = new MediaClock(new CapturingLog().Logger);
        var ports = new MediaPortAllocator(46100, 46199);
        await using var endpoint = RtpEndpoint.Open(IPAddress.Loopback, ports, clock, Log);
        await using var peer = new RawRtpPeer();
        var sink = new AllocationSink(Rounds);
        endpoint.Sink = sink;

        peer.StartTone(440, endpoint.LocalPort);
        await sink.Done.WaitAsync(TimeSpan.FromSeconds(5));

        // Between two packets on the same thread the loop decodes, delivers and waits again; a
        // per-packet allocation would show in every pair.
        Assert.Equal(0, sink.Smallest);
    }

    private sealed class AllocationProbe(int rounds)
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _start;
        private int _rounds;

        public Task Done => _done.Task;

        public int ZeroRounds { get; private set; }

        public IMediaTicker Before => new Ticker(() => _start = GC.GetAllocatedBytesForCurrentThread());

        public IMediaTicker After => new Ticker(() =>
        {
            if (_rounds++ < rounds)
            {
                ZeroRounds += GC.GetAllocatedBytesForCurrentThread() == _start ? 1 : 0;
                return;
            }

            _done.TrySetResult();
        });
    }

    private sealed class AllocationSink(int pairs) : IAudioSink
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _thread = -1;
        private long _bytes;
        private int _pairs;

        public Task Done => _done.Task;

        public long Smallest { get; private set; } = long.MaxValue;

        public void WriteFrame(ReadOnlySpan<short> frame)
        {
            var thread = Environment.CurrentManagedThreadId;
            var bytes = GC.GetAllocatedBytesForCurrentThread();
            if (thread == _thread)
            {
                Smallest = Math.Min(Smallest, bytes - _bytes);
                if (++_pairs >= pairs)
                {
                    _done.TrySetResult();
                }
            }

            _thread = thread;
            _bytes = GC.GetAllocatedBytesForCurrentThread();
        }
    }

    private sealed class Ticker(Action action) : IMediaTicker
    {
        public void Tick() => action();
    }
}
