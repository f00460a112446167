using System.Net;
using System.Net.Sockets;
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
        using var sender = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var target = new IPEndPoint(IPAddress.Loopback, endpoint.LocalPort);
        using var sink = new AllocationSink(Rounds);
        endpoint.Sink = sink;

        // The sink holds the loop on the first packet while the rest queue in the socket, so each
        // later read completes at once on the same thread: two frames apart lies exactly one pass
        // of the loop, and no other work a pool thread picked up between two paced packets.
        var packets = TonePackets(Rounds + 2);
        sender.Send(packets[0], target);
        Assert.True(sink.Holding.Wait(TimeSpan.FromSeconds(5)), "The first packet never reached the sink.");
        foreach (var packet in packets.Skip(1))
        {
            sender.Send(packet, target);
        }

        sink.Release();
        await sink.Done.WaitAsync(TimeSpan.FromSeconds(5));

        // A per-packet allocation would show in every pair.
        Assert.Equal(0, sink.Smallest);
        Assert.True(
            sink.ZeroPairs >= Rounds / 2,
            $"Only {sink.ZeroPairs} of {Rounds} passes of the receive loop allocated nothing.");
    }

    private static List<byte[]> TonePackets(int count)
    {
        var tone = new ToneGenerator(440);
        var frame = new short[160];
        var packets = new List<byte[]>(count);
        var header = new RtpHeader { Marker = true, PayloadType = 0, Ssrc = 0xFEED, SequenceNumber = 10 };
        for (var i = 0; i < count; i++)
        {
            var packet = new byte[172];
            tone.ReadFrame(frame);
            header.Write(packet);
            G711.Encode(AudioCodec.Pcmu, frame, packet.AsSpan(12));
            packets.Add(packet);
            header = header with
            {
                Marker = false,
                SequenceNumber = (ushort)(header.SequenceNumber + 1),
                Timestamp = header.Timestamp + 160,
            };
        }

        return packets;
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

    private sealed class AllocationSink(int pairs) : IAudioSink, IDisposable
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ManualResetEventSlim _released = new();
        private int _thread = -1;
        private long _bytes;
        private int _pairs;
        private bool _held;

        public Task Done => _done.Task;

        public ManualResetEventSlim Holding { get; } = new();

        public long Smallest { get; private set; } = long.MaxValue;

        public int ZeroPairs { get; private set; }

        public void Release() => _released.Set();

        public void Dispose()
        {
            _released.Dispose();
            Holding.Dispose();
        }

        public void WriteFrame(ReadOnlySpan<short> frame)
        {
            if (!_held)
            {
                _held = true;
                Holding.Set();
                _released.Wait(TimeSpan.FromSeconds(5));
            }

            var thread = Environment.CurrentManagedThreadId;
            var bytes = GC.GetAllocatedBytesForCurrentThread();
            if (thread == _thread && _pairs < pairs)
            {
                Smallest = Math.Min(Smallest, bytes - _bytes);
                ZeroPairs += bytes == _bytes ? 1 : 0;
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
