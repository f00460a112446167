using Appliance.Media.Srtp;

namespace Appliance.Media.Tests.Srtp;

public sealed class SdesNegotiationTests
{
    [Fact]
    public void TheAnswererTakesTheFirstUsableLineAndBothSidesEndUpWithTheSameKeys()
    {
        var offer = SdesNegotiation.CreateOffer();
        string[] offered = ["1 AEAD_AES_128_GCM inline:xyz", .. offer.Skip(1).Select(o => o.ToString())];

        var answered = SdesNegotiation.TryAnswer(offered, out var theirsAtAnswerer, out var oursAtAnswerer, out _);
        var read = SdesNegotiation.TryReadAnswer(
            offer,
            [oursAtAnswerer!.ToString()],
            out var oursAtOfferer,
            out var theirsAtOfferer,
            out var error);

        Assert.True(answered);
        Assert.True(read, error);
        Assert.Equal(2, oursAtAnswerer.Tag);
        Assert.Equal(SrtpSuite.AesCm128HmacSha1Tag32, oursAtAnswerer.Suite);
        Assert.Equal(offer[1], theirsAtAnswerer);
        Assert.Equal(offer[1], oursAtOfferer);
        Assert.Equal(oursAtAnswerer, theirsAtOfferer);
    }

    [Fact]
    public void AnOfferWithNothingUsableNamesWhyEachLineWasRefused()
    {
        string[] offered = ["1 AEAD_AES_256_GCM inline:abc", "2 AES_CM_128_HMAC_SHA1_80 inline:c2hvcnQ="];

        var answered = SdesNegotiation.TryAnswer(offered, out var theirs, out var ours, out var error);

        Assert.False(answered);
        Assert.Null(theirs);
        Assert.Null(ours);
        Assert.Contains("AEAD_AES_256_GCM is not supported", error, StringComparison.Ordinal);
        Assert.Contains("30 bytes", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAnswerWithATagWeDidNotOfferIsRefused()
    {
        var offer = SdesNegotiation.CreateOffer();
        var stranger = SdesCrypto.CreateRandom(7, SrtpSuite.AesCm128HmacSha1Tag80);

        var read = SdesNegotiation.TryReadAnswer(offer, [stranger.ToString()], out var ours, out _, out var error);

        Assert.False(read);
        Assert.Null(ours);
        Assert.Contains("tag 7", error, StringComparison.Ordinal);
    }
}
