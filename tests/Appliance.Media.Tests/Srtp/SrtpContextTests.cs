using Appliance.Media.Srtp;
using static Appliance.Media.Tests.Srtp.SrtpPackets;

namespace Appliance.Media.Tests.Srtp;

public sealed class SrtpContextTests
{
    [Theory]
    [InlineData(SrtpSuite.AesCm128HmacSha1Tag80, 10)]
    [InlineData(SrtpSuite.AesCm128HmacSha1Tag32, 4)]
    public void ProtectedPacketCarriesTheSuitesTagAndUnprotectsToTheOriginal(SrtpSuite suite, int tagLength)
    {
        using var sender = Context(suite);
        using var receiver = Context(suite);
        var plain = MakeRtp(1000);
        var buffer = WithRoom(plain);

        var length = sender.ProtectRtp(buffer, plain.Length);
        var encrypted = buffer[..length];
        var result = receiver.UnprotectRtp(encrypted, out var rtpLength);

        Assert.Equal(plain.Length + tagLength, length);
        Assert.NotEqual(plain[12..], buffer[12..plain.Length]);
        Assert.Equal(SrtpUnprotectResult.Ok, result);
        Assert.Equal(plain, encrypted[..rtpLength]);
    }

    [Fact]
    public void APacketReceivedTwiceIsRefusedAsAReplay()
    {
        using var sender = Context();
        using var receiver = Context();
        var packet = Protect(sender, MakeRtp(7));

        var first = receiver.UnprotectRtp(packet.ToArray(), out _);
        var second = receiver.UnprotectRtp(packet.ToArray(), out _);

        Assert.Equal(SrtpUnprotectResult.Ok, first);
        Assert.Equal(SrtpUnprotectResult.Replayed, second);
    }

    [Fact]
    public void AnAlteredPacketFailsAuthenticationAndDoesNotBlockTheRealOne()
    {
        using var sender = Context();
        using var receiver = Context();
        var packet = Protect(sender, MakeRtp(7));
        var forged = packet.ToArray();
        forged[20] ^= 1;

        var altered = receiver.UnprotectRtp(forged, out _);
        var real = receiver.UnprotectRtp(packet, out _);

        Assert.Equal(SrtpUnprotectResult.AuthenticationFailed, altered);
        Assert.Equal(SrtpUnprotectResult.Ok, real);
    }

    [Fact]
    public void ReorderedPacketsInsideTheWindowAreAcceptedAndOnesBehindItAreNot()
    {
        using var sender = Context();
        using var receiver = Context();
        var packets = Enumerable.Range(0, 200).Select(i => Protect(sender, MakeRtp((ushort)(100 + i)))).ToArray();

        var newest = receiver.UnprotectRtp(packets[199].ToArray(), out _);
        var inside = receiver.UnprotectRtp(packets[199 - 127].ToArray(), out _);
        var behind = receiver.UnprotectRtp(packets[199 - 128].ToArray(), out _);

        Assert.Equal(SrtpUnprotectResult.Ok, newest);
        Assert.Equal(SrtpUnprotectResult.Ok, inside);
        Assert.Equal(SrtpUnprotectResult.Replayed, behind);
    }

    [Fact]
    public void RolloverCounterFollowsTheSequenceAcrossTheWrapEvenWithReordering()
    {
        using var sender = Context();
        using var receiver = Context();
        ushort[] order = [65533, 65534, 0, 65535, 1, 2];
        var packets = Enumerable.Range(65533, 6)
            .ToDictionary(s => (ushort)s, s => Protect(sender, MakeRtp((ushort)s)));

        var results = order.Select(s => receiver.UnprotectRtp(packets[s].ToArray(), out _)).ToArray();

        Assert.All(results, r => Assert.Equal(SrtpUnprotectResult.Ok, r));
        Assert.Equal(1u, sender.RolloverCounter);
        Assert.Equal(1u, receiver.RolloverCounter);
    }

    [Fact]
    public void PacketsOfAnotherKeyFailAuthentication()
    {
        using var sender = new SrtpContext(SrtpSuite.AesCm128HmacSha1Tag80, new byte[16], new byte[14]);
        using var receiver = Context();
        var packet = Protect(sender, MakeRtp(5));

        var result = receiver.UnprotectRtp(packet, out _);

        Assert.Equal(SrtpUnprotectResult.AuthenticationFailed, result);
    }

    [Fact]
    public void TruncatedOrNonRtpInputIsMalformedNotAnException()
    {
        using var receiver = Context();

        var empty = receiver.UnprotectRtp([], out _);
        var shortPacket = receiver.UnprotectRtp(new byte[15], out _);
        var rtcpTooShort = receiver.UnprotectRtcp(new byte[10], out _);

        Assert.Equal(SrtpUnprotectResult.Malformed, empty);
        Assert.Equal(SrtpUnprotectResult.Malformed, shortPacket);
        Assert.Equal(SrtpUnprotectResult.Malformed, rtcpTooShort);
    }

    [Fact]
    public void RtcpIsEncryptedAfterItsSenderAndRefusedWhenReplayed()
    {
        using var sender = Context();
        using var receiver = Context();
        var plain = MakeRtcp(0x5A);
        var buffer = WithRoom(plain);

        var length = sender.ProtectRtcp(buffer, plain.Length);
        var packet = buffer[..length];
        var first = receiver.UnprotectRtcp(packet.ToArray(), out var rtcpLength);
        var decrypted = packet.ToArray();
        receiver.UnprotectRtcp(decrypted, out _);

        Assert.Equal(plain.Length + 14, length);
        Assert.Equal(plain[..8], packet[..8]);
        Assert.NotEqual(plain[8..], packet[8..plain.Length]);
        Assert.Equal(SrtpUnprotectResult.Ok, first);
        Assert.Equal(plain.Length, rtcpLength);
        Assert.Equal(SrtpUnprotectResult.Replayed, receiver.UnprotectRtcp(packet, out _));
    }

    private static SrtpContext Context(SrtpSuite suite = SrtpSuite.AesCm128HmacSha1Tag80) =>
        new(suite, Key.AsSpan(0, 16), Key.AsSpan(16));

    private static byte[] Protect(SrtpContext sender, byte[] plain)
    {
        var buffer = WithRoom(plain);
        var length = sender.ProtectRtp(buffer, plain.Length);
        return buffer[..length];
    }
}
