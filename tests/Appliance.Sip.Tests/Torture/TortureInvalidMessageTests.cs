using Appliance.Sip.Messages;

namespace Appliance.Sip.Tests.Torture;

/// <summary>
/// RFC 4475 §3.1.2 and §3.3 and RFC 5118 §4: messages a parser must refuse. A request whose Vias
/// can be read is answered with the status RFC 4475 asks for, even when its From, To, Call-ID or
/// CSeq cannot; one whose Via cannot be read, and every response, is dropped.
/// </summary>
public sealed class TortureInvalidMessageTests
{
    [Theory]
    [InlineData("clerr", "Content-Length larger than the body")]
    [InlineData("ncl", "Malformed Content-Length header")]
    [InlineData("scalar02", "CSeq number not below 2^31")]
    [InlineData("ltgtruri", "Malformed Request-URI")]
    [InlineData("lwsruri", "Malformed Request-URI")]
    [InlineData("lwsstart", "Malformed Request-URI")]
    [InlineData("trws", "Whitespace at the end of the request line")]
    [InlineData("escruri", "Headers in Request-URI")]
    [InlineData("regbadct", "Malformed Contact header")]
    [InlineData("mismatch01", "CSeq method does not match the request method")]
    [InlineData("mismatch02", "CSeq method does not match the request method")]
    [InlineData("mcl01", "Malformed Content-Length header")]
    [InlineData("ipv6bad", "Malformed Request-URI")]
    public void MalformedRequestIsAnswered400WithTheReason(string name, string reason)
    {
        var error = Refuse(name);

        Assert.Equal(reason, error.Reason);
        Assert.True(error.TryCreateResponse(out var response), name);
        Assert.Equal(400, response.StatusCode);
        Assert.Equal(reason, response.ReasonPhrase);
    }

    [Fact]
    public void UnknownProtocolVersionIsAnswered505()
    {
        var error = Refuse("badvers");

        Assert.True(error.TryCreateResponse(out var response));
        Assert.Equal(505, response.StatusCode);
        Assert.Equal("badvers.31417@c.example.com", response.CallId);
    }

    [Theory]
    [InlineData("unkscm")]
    [InlineData("novelsc")]
    public void RequestUriWithSchemeOtherThanSipIsAnswered416(string name)
    {
        var error = Refuse(name);

        Assert.True(error.TryCreateResponse(out var response));
        Assert.Equal(416, response.StatusCode);
    }

    [Theory]
    [InlineData("quotbal", "Malformed To header")]
    [InlineData("badaspec", "Malformed To header")]
    [InlineData("baddn", "Malformed From header")]
    [InlineData("insuf", "Missing From header")]
    [InlineData("multi01", "More than one From header")]
    public void RequestWhoseAddressingHeadersCannotBeReadIsStillAnswered400OnItsVia(string name, string reason)
    {
        var error = Refuse(name);

        Assert.Equal(reason, error.Reason);
        Assert.True(error.TryCreateResponse(out var response), name);
        Assert.Equal(400, response.StatusCode);
        Assert.Equal(reason, response.ReasonPhrase);
        Assert.NotEmpty(response.Headers.GetAll("Via"));
        var wire = System.Text.Encoding.UTF8.GetString(response.ToBytes());
        Assert.StartsWith("SIP/2.0 400 ", wire, StringComparison.Ordinal);
    }

    [Fact]
    public void RequestWhoseViaCannotBeReadIsDropped()
    {
        var error = Refuse("badinv01");

        Assert.Equal("Malformed Via header", error.Reason);
        Assert.False(error.TryCreateResponse(out _));
    }

    [Theory]
    [InlineData("scalarlg", "CSeq number not below 2^31")]
    [InlineData("bigcode", "Malformed status line")]
    public void MalformedResponseIsDropped(string name, string reason)
    {
        var error = Refuse(name);

        Assert.Equal(reason, error.Reason);
        Assert.False(error.TryCreateResponse(out _));
    }

    private static SipParseError Refuse(string name)
    {
        var ok = SipParser.TryParse(TortureFile.Load(name), out var message, out var error);

        Assert.False(ok, name + " was accepted");
        Assert.Null(message);
        return error;
    }
}
