using System.Text;
using Appliance.Sip.Messages;
using Appliance.Sip.Tests.Support;

namespace Appliance.Sip.Tests.Messages;

public sealed class SipParserBadRequestTests
{
    [Theory]
    [InlineData("CSeq: -1 INVITE", "Negative CSeq number")]
    [InlineData("CSeq: abc INVITE", "Non-numeric CSeq number")]
    [InlineData("CSeq: 2147483648 INVITE", "CSeq number not below 2^31")]
    [InlineData("CSeq: 99999999999999999999 INVITE", "CSeq number not below 2^31")]
    [InlineData("CSeq: 314159", "Malformed CSeq header")]
    [InlineData("CSeq: 314159 BYE", "CSeq method does not match the request method")]
    public void RequestWithReadableHeadersButInvalidCSeqIsAnsweredWithReason(string cseq, string reason)
    {
        var text = SipTexts.Invite()
            .Replace("CSeq: 314159 INVITE", cseq, StringComparison.Ordinal);

        var ok = SipParser.TryParse(Encoding.UTF8.GetBytes(text), out _, out var error);

        Assert.False(ok);
        Assert.Equal(reason, error.Reason);
        Assert.True(error.TryCreateBadRequest(out var badRequest));
        Assert.Equal(400, badRequest.StatusCode);
        Assert.Equal(reason, badRequest.ReasonPhrase);
        Assert.Equal("a84b4c76e66710@pc33.example.com", badRequest.CallId);
        Assert.Equal("z9hG4bK776asdhds", badRequest.Vias[0].Branch);
    }

    [Fact]
    public void RequestWithNonAsciiHeaderNameIsAnsweredWithReason()
    {
        var text = SipTexts.Invite()
            .Replace("Max-Forwards: 70\r\n", "Max-Forwards: 70\r\nX-Caf\u00e9: 1\r\n",
                StringComparison.Ordinal);

        var ok = SipParser.TryParse(Encoding.UTF8.GetBytes(text), out _, out var error);

        Assert.False(ok);
        Assert.True(error.TryCreateBadRequest(out var badRequest));
        Assert.Equal(400, badRequest.StatusCode);
        Assert.Equal("Non-ASCII header name", badRequest.ReasonPhrase);
        Assert.Equal("a84b4c76e66710@pc33.example.com", badRequest.CallId);
    }

    [Fact]
    public void RequestWithMalformedHeaderNameAndFoldedValueIsAnsweredWithReason()
    {
        var text = SipTexts.Invite()
            .Replace("Max-Forwards: 70\r\n", "Max-Forwards: 70\r\nX(Bad): 1\r\n  more\r\n",
                StringComparison.Ordinal);

        var ok = SipParser.TryParse(Encoding.UTF8.GetBytes(text), out _, out var error);

        Assert.False(ok);
        Assert.True(error.TryCreateBadRequest(out var badRequest));
        Assert.Equal("Malformed header name", badRequest.ReasonPhrase);
    }

    [Fact]
    public void AckWithInvalidCSeqIsNeverAnswered()
    {
        var text = SipTexts.Invite(method: "ACK")
            .Replace("CSeq: 314159 ACK", "CSeq: -1 ACK", StringComparison.Ordinal);

        var ok = SipParser.TryParse(Encoding.UTF8.GetBytes(text), out _, out var error);

        Assert.False(ok);
        Assert.Equal("Negative CSeq number", error.Reason);
        Assert.False(error.TryCreateBadRequest(out _));
    }

    [Fact]
    public void ResponseWithInvalidCSeqOrHeaderNameIsNeverAnswered()
    {
        var badCSeq = SipTexts.Response(200, "OK", "z9hG4bKx", "INVITE")
            .Replace("CSeq: 1 INVITE", "CSeq: x INVITE", StringComparison.Ordinal);
        var badName = SipTexts.Response(200, "OK", "z9hG4bKx", "INVITE")
            .Replace("Content-Length: 0", "X-Caf\u00e9: 1\r\nContent-Length: 0", StringComparison.Ordinal);

        var cseqOk = SipParser.TryParse(Encoding.UTF8.GetBytes(badCSeq), out _, out var cseqError);
        var nameOk = SipParser.TryParse(Encoding.UTF8.GetBytes(badName), out _, out var nameError);

        Assert.False(cseqOk);
        Assert.False(nameOk);
        Assert.False(cseqError.TryCreateBadRequest(out _));
        Assert.False(nameError.TryCreateBadRequest(out _));
    }

    [Fact]
    public void InvalidCSeqWithoutViaIsDroppedUnanswered()
    {
        var text = SipTexts.Invite()
            .Replace("Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK776asdhds;rport\r\n", string.Empty,
                StringComparison.Ordinal)
            .Replace("CSeq: 314159 INVITE", "CSeq: abc INVITE", StringComparison.Ordinal);

        var ok = SipParser.TryParse(Encoding.UTF8.GetBytes(text), out _, out var error);

        Assert.False(ok);
        Assert.False(error.TryCreateBadRequest(out _));
    }
}
