using Appliance.Media.Rtcp;

namespace Appliance.Media.Tests.Rtcp;

public sealed class RtcpPacketTests
{
    [Fact]
    public void SenderReportWithABlockReadsBackAsWritten()
    {
        var buffer = new byte[RtcpPacket.MaxLength];
        var sender = new SenderInfo(0x0123456789ABCDEF, 16000, 100, 16000);
        var block = new ReceptionReport(0xCAFE, 12, -3, 70000, 55, 0x11112222, 0x00010000);

        var length = RtcpPacket.Write(buffer, 0xBEEF, sender, block, "box@example");
        var read = RtcpPacket.TryRead(buffer.AsSpan(0, length), 0xCAFE, out var summary);

        Assert.True(read);
        Assert.Equal(0xBEEFu, summary.SenderSsrc);
        Assert.Equal(0x0123456789ABCDEFul, summary.SenderNtpTimestamp);
        Assert.Equal(block, summary.AboutUs);
        Assert.Equal(0, length % 4);
    }

    [Fact]
    public void CompoundPacketIsAnSrFollowedBySdesWithTheCname()
    {
        var buffer = new byte[RtcpPacket.MaxLength];

        var length = RtcpPacket.Write(buffer, 1, new SenderInfo(1, 2, 3, 4), null, "abc");

        Assert.Equal(0x80, buffer[0]);
        Assert.Equal(200, buffer[1]);
        Assert.Equal(28, (buffer[2] << 8 | buffer[3]) * 4 + 4);
        Assert.Equal(202, buffer[29]);
        Assert.Equal(1, buffer[36]);
        Assert.Equal(3, buffer[37]);
        Assert.Equal("abc"u8.ToArray(), buffer[38..41]);
        Assert.Equal(44, length);
    }

    [Fact]
    public void ReceiverReportIsReadWithoutSenderTime()
    {
        var buffer = new byte[RtcpPacket.MaxLength];
        var block = new ReceptionReport(7, 0, 0, 1, 0);

        var length = RtcpPacket.Write(buffer, 9, null, block, "x");
        RtcpPacket.TryRead(buffer.AsSpan(0, length), 7, out var summary);

        Assert.Equal(201, buffer[1]);
        Assert.Null(summary.SenderNtpTimestamp);
        Assert.Equal(block, summary.AboutUs);
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0x80, 200, 0, 6 })]
    [InlineData(new byte[] { 0x40, 200, 0, 0 })]
    [InlineData(new byte[] { 0x80, 202, 0, 0 })]
    [InlineData(new byte[] { 0x81, 201, 0, 1, 0, 0, 0, 1 })]
    public void MalformedPacketsAreRefusedWithoutThrowing(byte[] packet)
    {
        var read = RtcpPacket.TryRead(packet, 1, out _);

        Assert.False(read);
    }

    [Fact]
    public void RoundTripIsArrivalMinusLastSrMinusItsDelay()
    {
        // RFC 3550 §6.4.1 example: A = 0xb710:8000 (46864.5 s), LSR = 0xb705:2000, DLSR = 5.25 s.
        var report = new ReceptionReport(1, 0, 0, 0, 0, 0xB7052000, 0x00054000);
        var arrival = (ulong)0xB7108000 << 16;

        var roundTrip = RtcpPacket.RoundTrip(report, arrival);

        Assert.Equal(6.125, roundTrip!.Value.TotalSeconds, precision: 6);
    }

    [Fact]
    public void NoRoundTripBeforeTheFarEndHeardAnSr()
    {
        var report = new ReceptionReport(1, 0, 0, 0, 0);

        Assert.Null(RtcpPacket.RoundTrip(report, 123456789));
    }

    [Fact]
    public void NtpTimeOfTheUnixEpochIsSeventyYearsOfSeconds()
    {
        var ntp = RtcpPacket.ToNtp(DateTimeOffset.UnixEpoch.AddSeconds(0.5));

        Assert.Equal(2208988800ul, ntp >> 32);
        Assert.Equal(0x80000000ul, ntp & 0xFFFFFFFF);
    }
}
