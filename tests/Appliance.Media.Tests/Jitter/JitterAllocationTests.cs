using Appliance.Media.Jitter;
using Appliance.Media.Rtcp;
using Appliance.Media.Rtp;

namespace Appliance.Media.Tests.Jitter;

public sealed class JitterAllocationTests
{
    [Fact]
    public void PuttingPlayingAndReportingAPacketAllocatesNothing()
    {
        var buffer = new AdaptiveJitterBuffer();
        var statistics = new ReceptionStatistics();
        var samples = new short[160];
        var frame = new short[160];
        var rtcp = new byte[RtcpPacket.MaxLength];
        Round(buffer, statistics, samples, frame, rtcp, 0);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var n = 1; n < 1000; n++)
        {
            Round(buffer, statistics, samples, frame, rtcp, n);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void Round(
        AdaptiveJitterBuffer buffer,
        ReceptionStatistics statistics,
        short[] samples,
        short[] frame,
        byte[] rtcp,
        int n)
    {
        var header = new RtpHeader { SequenceNumber = (ushort)n, Timestamp = (uint)(n * 160), Ssrc = 3 };
        statistics.Note(header.Ssrc, header.SequenceNumber, header.Timestamp);
        buffer.Put(header, samples);
        buffer.ReadFrame(frame);
        if (n % 250 == 0)
        {
            RtcpPacket.Write(rtcp, 1, new SenderInfo(1, 2, 3, 4), statistics.TakeReport(), "sparkle-1");
        }
    }
}
