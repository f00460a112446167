using Appliance.Sip.Messages;

namespace Appliance.Sip.Tests.Messages;

/// <summary>RFC 3261 §25.1: From and To may carry an absoluteURI of any scheme (RFC 4475 unksm2).</summary>
public sealed class SipOtherSchemeAddressTests
{
    [Theory]
    [InlineData("isbn:2983792873")]
    [InlineData("<http://www.example.com>;tag=3234233")]
    [InlineData("\"Alice\" <tel:+445550101>")]
    [InlineData("Alice <urn:service:sos>;tag=a1")]
    public void AWellFormedAddressOfAnotherSchemeIsTaken(string value)
    {
        Assert.True(SipNameAddress.IsOtherSchemeAddress(value));
        Assert.False(SipNameAddress.TryParse(value, out _));
    }

    [Theory]
    [InlineData("<sip:alice@example.com>")]
    [InlineData("isbn:")]
    [InlineData("<http://www.example .com>")]
    [InlineData("<1http://www.example.com>")]
    [InlineData("<ht_tp://www.example.com>")]
    [InlineData("isbn:2983792873;tag=\"x")]
    [InlineData("<http://www.example.com")]
    public void ASipAddressOrAMalformedOneIsNotAnotherScheme(string value) =>
        Assert.False(SipNameAddress.IsOtherSchemeAddress(value));

    [Fact]
    public void RequestWithAnHttpFromIsReadButOneWithAMalformedUriIsStillRefused()
    {
        const string request = "OPTIONS sip:100@127.0.0.1 SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bKother1\r\n"
            + "Max-Forwards: 70\r\n"
            + "To: <sip:100@127.0.0.1>\r\n"
            + "From: FROM;tag=p1\r\n"
            + "Call-ID: other-1\r\n"
            + "CSeq: 1 OPTIONS\r\n"
            + "Content-Length: 0\r\n\r\n";

        var read = SipParser.TryParse(Bytes(request, "<http://example.com/me>"), out _, out _);
        var refused = SipParser.TryParse(Bytes(request, "<http://exa mple.com>"), out _, out var error);

        Assert.True(read);
        Assert.False(refused);
        Assert.Equal("Malformed From header", error.Reason);
    }

    private static byte[] Bytes(string request, string from) =>
        System.Text.Encoding.UTF8.GetBytes(request.Replace("FROM", from, StringComparison.Ordinal));
}
