using Appliance.Media.Rtp;

namespace Appliance.Media.Tests.Rtp;

public sealed class RtpHeaderTests
{
    // V=2 P=1 X=1 CC=2, M=1 PT=8, seq 0x1234, ts 0xDEADBEEF, SSRC 0x01020304, two CSRCs,
    // an extension of profile 0xBEDE with one word, a 3-byte payload and 3 bytes of padding.
    private static readonly byte[] s_fullPacket =
    [
        0xB2, 0x88, 0x12, 0x34, 0xDE, 0xAD, 0xBE, 0xEF, 0x01, 0x02, 0x03, 0x04,
        0x0A, 0x0B, 0x0C, 0x0D, 0x11, 0x12, 0x13, 0x14,
        0xBE, 0xDE, 0x00, 0x01, 0x55, 0x66, 0x77, 0x88,
        0xAA, 0xBB, 0xCC,
        0x00, 0x00, 0x03,
    ];

    [Fact]
    public void ReadingAPacketWithCsrcsExtensionAndPaddingFindsThePayload()
    {
        var read = RtpHeader.TryRead(s_fullPacket, out var header, out var offset, out var length);

        Assert.True(read);
        Assert.True(header.Padding);
        Assert.True(header.Extension);
        Assert.Equal(2, header.CsrcCount);
        Assert.True(header.Marker);
        Assert.Equal(8, header.PayloadType);
        Assert.Equal(0x1234, header.SequenceNumber);
        Assert.Equal(0xDEADBEEF, header.Timestamp);
        Assert.Equal(0x01020304u, header.Ssrc);
        Assert.Equal(0xBEDE, header.ExtensionProfile);
        Assert.Equal(28, offset);
        Assert.Equal(3, length);
    }

    [Fact]
    public void CsrcsAreReadByIndex()
    {
        RtpHeader.TryRead(s_fullPacket, out var header, out _, out _);

        var csrcs = new[] { header.ReadCsrc(s_fullPacket, 0), header.ReadCsrc(s_fullPacket, 1) };

        Assert.Equal([0x0A0B0C0Du, 0x11121314u], csrcs);
        Assert.Throws<ArgumentOutOfRangeException>(() => header.ReadCsrc(s_fullPacket, 2));
    }

    [Fact]
    public void RtpPacketSlicesThePayloadWithoutPadding()
    {
        var read = RtpPacket.TryRead(s_fullPacket, out _, out var payload);

        Assert.True(read);
        Assert.Equal(new byte[] { 0xAA, 0xBB, 0xCC }, payload.ToArray());
    }

    [Fact]
    public void WritingProducesTheFixedHeaderBytes()
    {
        var header = new RtpHeader
        {
            Marker = true,
            PayloadType = 0,
            SequenceNumber = 0xFFFE,
            Timestamp = 160,
            Ssrc = 0xCAFEBABE,
        };
        var buffer = new byte[16];

        var length = header.Write(buffer);

        Assert.Equal(12, length);
        Assert.Equal(
            new byte[] { 0x80, 0x80, 0xFF, 0xFE, 0x00, 0x00, 0x00, 0xA0, 0xCA, 0xFE, 0xBA, 0xBE },
            buffer[..12]);
    }

    [Fact]
    public void AWrittenHeaderWithCsrcsReadsBackTheSame()
    {
        var header = new RtpHeader
        {
            PayloadType = 101,
            SequenceNumber = 7,
            Timestamp = 0x80000000,
            Ssrc = 42,
        };
        var buffer = new byte[40];

        var length = header.Write(buffer, [1u, 2u, 3u]);
        RtpHeader.TryRead(buffer.AsSpan(0, length + 4), out var read, out var offset, out var payloadLength);

        Assert.Equal(24, length);
        Assert.Equal(header with { CsrcCount = 3 }, read);
        Assert.Equal(3u, read.ReadCsrc(buffer, 2));
        Assert.Equal(24, offset);
        Assert.Equal(4, payloadLength);
    }

    [Fact]
    public void RtpPacketWritesHeaderAndPayload()
    {
        var header = new RtpHeader { PayloadType = 8, SequenceNumber = 1, Timestamp = 2, Ssrc = 3 };
        var buffer = new byte[RtpPacket.MaxLength];

        var length = RtpPacket.Write(buffer, header, [9, 8, 7]);
        RtpPacket.TryRead(buffer.AsSpan(0, length), out var read, out var payload);

        Assert.Equal(15, length);
        Assert.Equal(header, read);
        Assert.Equal(new byte[] { 9, 8, 7 }, payload.ToArray());
    }

    [Fact]
    public void EveryTruncationOfTheHeaderIsRejected()
    {
        for (var length = 0; length < 28; length++)
        {
            var read = RtpHeader.TryRead(s_fullPacket.AsSpan(0, length), out _, out _, out _);

            Assert.False(read, $"A packet cut to {length} bytes was accepted.");
        }
    }

    public static TheoryData<string, byte[]> MalformedPackets => new()
    {
        { "version 1", [0x40, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1] },
        { "version 0", [0x00, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xFF] },
        { "CSRC list past the end", [0x81, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0] },
        {
            "extension past the end",
            [0x90, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xBE, 0xDE, 0, 2, 0, 0, 0, 0]
        },
        { "zero padding count", [0xA0, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xFF, 0x00] },
        { "padding longer than the payload", [0xA0, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xFF, 0x05] },
    };

    [Theory]
    [MemberData(nameof(MalformedPackets))]
    public void MalformedPacketsAreRejected(string reason, byte[] packet)
    {
        var read = RtpHeader.TryRead(packet, out var header, out _, out _);

        Assert.False(read, reason);
        Assert.Equal(default, header);
    }

    [Fact]
    public void MoreThanFifteenCsrcsCannotBeWritten()
    {
        var buffer = new byte[100];

        Assert.Throws<ArgumentException>(() => new RtpHeader().Write(buffer, new uint[16]));
    }

    [Theory]
    [InlineData(1u, 0u, true)]
    [InlineData(0u, 0xFFFFFF00u, true)]
    [InlineData(0xFFFFFF00u, 0u, false)]
    [InlineData(5u, 5u, false)]
    public void TimestampsCompareAcrossTheWrap(uint a, uint b, bool later)
    {
        Assert.Equal(later, RtpPacket.IsLater(a, b));
    }

    [Theory]
    [InlineData(0, 65535, true)]
    [InlineData(65535, 0, false)]
    [InlineData(100, 99, true)]
    public void SequenceNumbersCompareAcrossTheWrap(int a, int b, bool later)
    {
        Assert.Equal(later, RtpPacket.IsLater((ushort)a, (ushort)b));
    }
}
