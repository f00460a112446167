using System.Text;
using Appliance.Sip.Messages;
using Appliance.Sip.Tests.Support;

namespace Appliance.Sip.Tests.Messages;

public sealed class SipParserStatusRefusalTests
{
    [Theory]
    [InlineData("SIP/3.0")]
    [InlineData("SIP/1.0")]
    public void RequestWithAnotherSipVersionIsAnsweredWith505(string version)
    {
        var text = SipTexts.Invite().Replace("sip:100@127.0.0.1 SIP/2.0", $"sip:100@127.0.0.1 {version}",
            StringComparison.Ordinal);

        var ok = SipParser.TryParse(Encoding.UTF8.GetBytes(text), out _, out var error);

        Assert.False(ok);
        Assert.Equal(505, error.StatusCode);
        Assert.False(error.TryCreateBadRequest(out _));
        Assert.True(error.TryCreateResponse(out var response));
        Assert.Equal(505, response.StatusCode);
        Assert.Equal("a84b4c76e66710@pc33.example.com", response.CallId);
    }

    [Theory]
    [InlineData("tel:+15551234")]
    [InlineData("http://example.com/")]
    public void RequestUriWithASchemeWeDoNotServeIsAnsweredWith416(string uri)
    {
        var text = SipTexts.Request("OPTIONS", uri, "z9hG4bKs", "s-1", 1);

        var ok = SipParser.TryParse(Encoding.UTF8.GetBytes(text), out _, out var error);

        Assert.False(ok);
        Assert.True(error.TryCreateResponse(out var response));
        Assert.Equal(416, response.StatusCode);
        Assert.Equal("s-1", response.CallId);
    }

    [Fact]
    public void SyntaxErrorIsAnsweredBeforeAnUnsupportedScheme()
    {
        var text = SipTexts.Request("OPTIONS", "tel:+15551234", "z9hG4bKs", "s-1", 1)
            .Replace("CSeq: 1 OPTIONS", "CSeq: x OPTIONS", StringComparison.Ordinal);

        var ok = SipParser.TryParse(Encoding.UTF8.GetBytes(text), out _, out var error);

        Assert.False(ok);
        Assert.True(error.TryCreateResponse(out var response));
        Assert.Equal(400, response.StatusCode);
    }

    [Fact]
    public void MalformedSipRequestUriIsAnsweredWith400()
    {
        var text = SipTexts.Request("OPTIONS", "sip:", "z9hG4bKs", "s-1", 1);

        var ok = SipParser.TryParse(Encoding.UTF8.GetBytes(text), out _, out var error);

        Assert.False(ok);
        Assert.True(error.TryCreateBadRequest(out var response));
        Assert.Equal("Malformed Request-URI", response.ReasonPhrase);
    }

    [Theory]
    [InlineData("INVITE sip:100@127.0.0.1 SIP/3.0\r\n\r\n")]
    [InlineData("INVITE tel:+15551234 SIP/2.0\r\n\r\n")]
    public void OtherVersionOrSchemeWithoutTheHeadersIsDropped(string text)
    {
        var ok = SipParser.TryParse(Encoding.UTF8.GetBytes(text), out _, out var error);

        Assert.False(ok);
        Assert.False(error.TryCreateResponse(out _));
    }

    [Fact]
    public void AckWithAnUnsupportedSchemeIsNeverAnswered()
    {
        var text = SipTexts.Request("ACK", "tel:+15551234", "z9hG4bKs", "s-1", 1);

        var ok = SipParser.TryParse(Encoding.UTF8.GetBytes(text), out _, out var error);

        Assert.False(ok);
        Assert.Equal(416, error.StatusCode);
        Assert.False(error.TryCreateResponse(out _));
    }
}
