using Appliance.Media.Jitter;
using Appliance.Media.Rtp;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Media.Tests.Jitter;

/// <summary>
/// Drives an <see cref="AdaptiveJitterBuffer"/> on a fake clock: packets arrive at the
/// millisecond given, and the playout reads one frame every 20 ms, as the media clock would.
/// Each packet carries samples whose value names their timestamp, so the output shows exactly
/// which sample went where.
/// </summary>
internal sealed class JitterScenario
{
    private readonly List<(int ArrivalMs, RtpHeader Header, int Samples)> _packets = [];
    private readonly FakeTimeProvider _time = new();

    public JitterScenario()
    {
        Buffer = new AdaptiveJitterBuffer(_time);
    }

    public AdaptiveJitterBuffer Buffer { get; }

    /// <summary>The sample value a timestamp carries: never 0, so silence stands out.</summary>
    public static short ValueOf(uint timestamp) => (short)((timestamp % 16000) + 1);

    public JitterScenario Packet(
        int arrivalMs,
        ushort sequence,
        uint timestamp,
        uint ssrc = 0x1234,
        bool marker = false,
        int samples = 160)
    {
        var header = new RtpHeader
        {
            SequenceNumber = sequence,
            Timestamp = timestamp,
            Ssrc = ssrc,
            Marker = marker,
        };
        _packets.Add((arrivalMs, header, samples));
        return this;
    }

    /// <summary>A steady stream: packet n of 20 ms sent at n × 20 ms plus the offset given.</summary>
    public JitterScenario Stream(int count, uint firstTimestamp, Func<int, int>? arrivalOffsetMs = null)
    {
        for (var n = 0; n < count; n++)
        {
            var arrival = (n * 20) + (arrivalOffsetMs?.Invoke(n) ?? 0);
            Packet(arrival, (ushort)n, firstTimestamp + (uint)(n * 160), marker: n == 0);
        }

        return this;
    }

    /// <summary>Runs until <paramref name="untilMs"/>, ticking at 5 ms past every 20 ms.</summary>
    public short[] Run(int untilMs)
    {
        var output = new List<short>();
        var frame = new short[AdaptiveJitterBuffer.FrameSamples];
        var ordered = _packets.OrderBy(p => p.ArrivalMs).ToList();
        var next = 0;
        for (var ms = 0; ms <= untilMs; ms++)
        {
            while (next < ordered.Count && ordered[next].ArrivalMs <= ms)
            {
                var (_, header, samples) = ordered[next++];
                var payload = new short[samples];
                for (var i = 0; i < samples; i++)
                {
                    payload[i] = ValueOf(header.Timestamp + (uint)i);
                }

                Buffer.Put(header, payload);
            }

            if (ms % 20 == 5)
            {
                Buffer.ReadFrame(frame);
                output.AddRange(frame);
            }

            _time.Advance(TimeSpan.FromMilliseconds(1));
        }

        return [.. output];
    }
}
