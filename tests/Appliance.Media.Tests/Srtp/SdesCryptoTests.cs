using Appliance.Media.Srtp;

namespace Appliance.Media.Tests.Srtp;

public sealed class SdesCryptoTests
{
    private const string Inline = "inline:4fl6DT4Bi+DWT6MsBt5BOQ7Gda1Jiv7rtpYLOqvm";

    [Fact]
    public void ALineFromAPhoneGivesItsTagSuiteAndKey()
    {
        var line = "1 AES_CM_128_HMAC_SHA1_32 " + Inline + "|2^31";

        var ok = SdesCrypto.TryParse(line, out var crypto, out var error);

        Assert.True(ok, error);
        Assert.Equal(1, crypto!.Tag);
        Assert.Equal(SrtpSuite.AesCm128HmacSha1Tag32, crypto.Suite);
        Assert.Equal(SrtpPackets.Key, crypto.KeyAndSalt.ToArray());
    }

    [Fact]
    public void AnOfferWeWriteReadsBackTheSame()
    {
        var offer = SdesCrypto.CreateRandom(2, SrtpSuite.AesCm128HmacSha1Tag80);

        var ok = SdesCrypto.TryParse(offer.ToString(), out var read, out _);

        Assert.True(ok);
        Assert.Equal(offer, read);
        Assert.StartsWith("2 AES_CM_128_HMAC_SHA1_80 inline:", offer.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80", "needs a tag")]
    [InlineData("x AES_CM_128_HMAC_SHA1_80 " + Inline, "tag")]
    [InlineData("1 AEAD_AES_256_GCM " + Inline, "not supported")]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 " + Inline + "|2^20|1:4", "MKI")]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 " + Inline + ";" + Inline, "more than one")]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 " + Inline + " KDR=1", "session parameters")]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:c2hvcnQ=", "30 bytes")]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 uri:https://example.com/key", "not inline")]
    public void LinesWeCannotHonourAreRefusedWithTheReason(string value, string reason)
    {
        var ok = SdesCrypto.TryParse(value, out var crypto, out var error);

        Assert.False(ok);
        Assert.Null(crypto);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void BothEndsKeyedByOneLineTalk()
    {
        Assert.True(SdesCrypto.TryParse("1 AES_CM_128_HMAC_SHA1_80 " + Inline, out var crypto, out _));
        using var sender = crypto!.CreateContext();
        using var receiver = crypto.CreateContext();
        var plain = SrtpPackets.MakeRtp(3);
        var buffer = SrtpPackets.WithRoom(plain);

        var length = sender.ProtectRtp(buffer, plain.Length);
        var result = receiver.UnprotectRtp(buffer.AsSpan(0, length), out var rtpLength);

        Assert.Equal(SrtpUnprotectResult.Ok, result);
        Assert.Equal(plain, buffer[..rtpLength]);
    }
}
