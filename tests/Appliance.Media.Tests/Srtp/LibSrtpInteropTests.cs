using Appliance.Media.Srtp;
using static Appliance.Media.Tests.Srtp.SrtpPackets;

namespace Appliance.Media.Tests.Srtp;

[Trait("Category", "Integration")]
public sealed class LibSrtpInteropTests
{
    [Theory]
    [InlineData(SrtpSuite.AesCm128HmacSha1Tag80, 80)]
    [InlineData(SrtpSuite.AesCm128HmacSha1Tag32, 32)]
    public void OurPacketsAcrossASequenceWrapAreByteForByteWhatLibSrtpMakes(SrtpSuite suite, int tagBits)
    {
        using var ours = new SrtpContext(suite, Key.AsSpan(0, 16), Key.AsSpan(16));
        using var libsrtp = new LibSrtpPeer("protect", tagBits, Key);
        var mismatches = new List<int>();

        for (var i = 0; i < 12; i++)
        {
            var plain = MakeRtp((ushort)(65530 + i), payloadLength: 20 + (i * 13));
            var buffer = WithRoom(plain);
            var length = ours.ProtectRtp(buffer, plain.Length);
            var theirs = libsrtp.Transform(plain, out var error);
            if (theirs is null || !theirs.AsSpan().SequenceEqual(buffer.AsSpan(0, length)))
            {
                mismatches.Add(i);
            }

            Assert.Null(error);
        }

        Assert.Empty(mismatches);
        Assert.Equal(1u, ours.RolloverCounter);
    }

    [Theory]
    [InlineData(SrtpSuite.AesCm128HmacSha1Tag80, 80)]
    [InlineData(SrtpSuite.AesCm128HmacSha1Tag32, 32)]
    public void WeUnprotectWhatLibSrtpProtectsAndItUnprotectsWhatWeProtect(SrtpSuite suite, int tagBits)
    {
        using var ourReceiver = new SrtpContext(suite, Key.AsSpan(0, 16), Key.AsSpan(16));
        using var ourSender = new SrtpContext(suite, Key.AsSpan(0, 16), Key.AsSpan(16));
        using var theirSender = new LibSrtpPeer("protect", tagBits, Key);
        using var theirReceiver = new LibSrtpPeer("unprotect", tagBits, Key);

        for (var i = 0; i < 12; i++)
        {
            var plain = MakeRtp((ushort)(65530 + i), ssrc: 0x1234);
            var fromThem = theirSender.Transform(plain, out _)!;
            var result = ourReceiver.UnprotectRtp(fromThem, out var length);
            var buffer = WithRoom(plain);
            var ourLength = ourSender.ProtectRtp(buffer, plain.Length);
            var back = theirReceiver.Transform(buffer.AsSpan(0, ourLength), out var error);

            Assert.Equal(SrtpUnprotectResult.Ok, result);
            Assert.Equal(plain, fromThem[..length]);
            Assert.Null(error);
            Assert.Equal(plain, back);
        }

        Assert.Equal(1u, ourReceiver.RolloverCounter);
    }

    [Fact]
    public void LibSrtpRefusesOurReplayAndOurAlteredPacket()
    {
        using var ours = new SrtpContext(SrtpSuite.AesCm128HmacSha1Tag80, Key.AsSpan(0, 16), Key.AsSpan(16));
        using var libsrtp = new LibSrtpPeer("unprotect", 80, Key);
        var buffer = WithRoom(MakeRtp(42));
        var length = ours.ProtectRtp(buffer, MakeRtp(42).Length);
        var packet = buffer[..length];
        var altered = packet.ToArray();
        altered[30] ^= 0x80;

        var forged = libsrtp.Transform(altered, out var forgedError);
        var first = libsrtp.Transform(packet, out _);
        var replay = libsrtp.Transform(packet, out var replayError);

        Assert.Null(forged);
        Assert.Equal("error 7", forgedError);
        Assert.NotNull(first);
        Assert.Null(replay);
        Assert.Equal("error 9", replayError);
    }

    [Fact]
    public void RtcpGoesBothWaysBetweenUsAndLibSrtp()
    {
        using var ours = new SrtpContext(SrtpSuite.AesCm128HmacSha1Tag80, Key.AsSpan(0, 16), Key.AsSpan(16));
        using var ourReceiver = new SrtpContext(
            SrtpSuite.AesCm128HmacSha1Tag80,
            Key.AsSpan(0, 16),
            Key.AsSpan(16));
        using var theirReceiver = new LibSrtpPeer("unprotect-rtcp", 80, Key);
        using var theirSender = new LibSrtpPeer("protect-rtcp", 80, Key);

        for (byte fill = 1; fill <= 3; fill++)
        {
            var plain = MakeRtcp(fill);
            var buffer = WithRoom(plain);
            var length = ours.ProtectRtcp(buffer, plain.Length);
            var back = theirReceiver.Transform(buffer.AsSpan(0, length), out var error);
            var fromThem = theirSender.Transform(plain, out _)!;
            var result = ourReceiver.UnprotectRtcp(fromThem, out var rtcpLength);

            Assert.Null(error);
            Assert.Equal(plain, back);
            Assert.Equal(SrtpUnprotectResult.Ok, result);
            Assert.Equal(plain, fromThem[..rtcpLength]);
        }
    }
}
