using System.Text;
using Appliance.Sip.Messages;
using Appliance.Sip.Tests.Support;

namespace Appliance.Sip.Tests.Messages;

public sealed class SipParserTests
{
    [Fact]
    public void ParserReadsValidInviteWithBody()
    {
        var bytes = Encoding.UTF8.GetBytes(SipTexts.Invite());

        var ok = SipParser.TryParse(bytes, out var message, out var error);

        Assert.True(ok, error.Reason);
        var request = Assert.IsType<SipRequest>(message);
        Assert.Equal("INVITE", request.Method);
        Assert.Equal("100", request.RequestUri.User);
        Assert.Equal("a84b4c76e66710@pc33.example.com", request.CallId);
        Assert.Equal(new SipCSeq(314159, "INVITE"), request.CSeq);
        Assert.Equal("1928301774", request.From!.Tag);
        Assert.Equal("Alice", request.From.DisplayName);
        Assert.Equal("z9hG4bK776asdhds", request.Vias[0].Branch);
        Assert.True(request.Vias[0].HasRPort);
        Assert.Equal("application/sdp", request.ContentType);
        Assert.Equal(SipTexts.SdpBody, Encoding.UTF8.GetString(request.Body.Span));
    }

    [Fact]
    public void ParserReadsResponseStatusLine()
    {
        var bytes = Encoding.UTF8.GetBytes(SipTexts.Response(486, "Busy Here", "z9hG4bKabc", "INVITE"));

        var ok = SipParser.TryParse(bytes, out var message, out var error);

        Assert.True(ok, error.Reason);
        var response = Assert.IsType<SipResponse>(message);
        Assert.Equal(486, response.StatusCode);
        Assert.Equal("Busy Here", response.ReasonPhrase);
        Assert.Equal("peer-tag", response.To!.Tag);
    }

    [Fact]
    public void ParserExpandsCompactFormsAndIgnoresNameCase()
    {
        var text = "OPTIONS sip:100@127.0.0.1 SIP/2.0\r\n"
            + "v: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1\r\n"
            + "f: <sip:a@10.0.0.1>;tag=x\r\n"
            + "t: <sip:100@127.0.0.1>\r\n"
            + "i: compact-call\r\n"
            + "cSeQ: 7 OPTIONS\r\n"
            + "m: <sip:a@10.0.0.1>\r\n"
            + "k: timer\r\n"
            + "l: 0\r\n\r\n";

        var ok = SipParser.TryParse(Encoding.UTF8.GetBytes(text), out var message, out var error);

        Assert.True(ok, error.Reason);
        Assert.Equal("compact-call", message!.CallId);
        Assert.Equal("<sip:a@10.0.0.1>", message.Headers["Contact"]);
        Assert.Equal("timer", message.Headers["supported"]);
        Assert.Contains(message.Headers, h => h.Key == "Call-ID");
        Assert.Contains(message.Headers, h => h.Key == "CSeq");
        Assert.Equal(7u, message.CSeq!.Value.Number);
    }

    [Fact]
    public void ParserJoinsFoldedHeaderLines()
    {
        var text = SipTexts.Invite().Replace(
            "Max-Forwards: 70\r\n",
            "Max-Forwards: 70\r\nSubject: I know you're there,\r\n  pick up the phone\r\n\tand talk to me!\r\n",
            StringComparison.Ordinal);

        var ok = SipParser.TryParse(Encoding.UTF8.GetBytes(text), out var message, out var error);

        Assert.True(ok, error.Reason);
        Assert.Equal("I know you're there, pick up the phone and talk to me!", message!.Headers["Subject"]);
    }

    [Fact]
    public void ParserSplitsCommaSeparatedViaIntoOrderedValues()
    {
        var text = SipTexts.Invite().Replace(
            "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK776asdhds;rport\r\n",
            "Via: SIP/2.0/UDP first.example.com;branch=z9hG4bKa, "
                + "SIP/2.0/UDP second.example.com;branch=z9hG4bKb\r\n"
                + "v: SIP/2.0/UDP third.example.com;branch=z9hG4bKc\r\n",
            StringComparison.Ordinal);

        var ok = SipParser.TryParse(Encoding.UTF8.GetBytes(text), out var message, out var error);

        Assert.True(ok, error.Reason);
        Assert.Equal(
            ["first.example.com", "second.example.com", "third.example.com"],
            message!.Vias.Select(v => v.Host).ToArray());
    }

    [Fact]
    public void ParserAcceptsWhitespaceAroundColonAndLeadingCrlf()
    {
        var text = "\r\n" + SipTexts.Invite().Replace("Call-ID: ", "Call-ID   :   ", StringComparison.Ordinal);

        var ok = SipParser.TryParse(Encoding.UTF8.GetBytes(text), out var message, out var error);

        Assert.True(ok, error.Reason);
        Assert.Equal("a84b4c76e66710@pc33.example.com", message!.CallId);
    }

    [Fact]
    public void ParserDiscardsBytesPastContentLength()
    {
        var text = SipTexts.Request("OPTIONS", "sip:100@127.0.0.1", "z9hG4bK9", "c", 1, body: "abc")
            .Replace("Content-Length: 3", "Content-Length: 2", StringComparison.Ordinal);

        var ok = SipParser.TryParse(Encoding.UTF8.GetBytes(text), out var message, out var error);

        Assert.True(ok, error.Reason);
        Assert.Equal("ab", Encoding.UTF8.GetString(message!.Body.Span));
    }

    [Fact]
    public void ParserRefusesMissingViaAndCannotAnswerIt()
    {
        var text = SipTexts.Invite().Replace(
            "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK776asdhds;rport\r\n",
            string.Empty,
            StringComparison.Ordinal);

        var ok = SipParser.TryParse(Encoding.UTF8.GetBytes(text), out var message, out var error);

        Assert.False(ok);
        Assert.Null(message);
        Assert.Equal("Missing Via header", error.Reason);
        Assert.False(error.TryCreateBadRequest(out _));
    }

    [Theory]
    [InlineData("From: \"Alice\" <sip:alice@127.0.0.1>;tag=1928301774\r\n", "Missing From header")]
    [InlineData("To: <sip:100@127.0.0.1>\r\n", "Missing To header")]
    [InlineData("Call-ID: a84b4c76e66710@pc33.example.com\r\n", "Missing Call-ID header")]
    [InlineData("CSeq: 314159 INVITE\r\n", "Missing CSeq header")]
    public void ParserRefusesMissingMandatoryHeaderButAnswersItAlongTheVia(string line, string reason)
    {
        var text = SipTexts.Invite().Replace(line, string.Empty, StringComparison.Ordinal);

        var ok = SipParser.TryParse(Encoding.UTF8.GetBytes(text), out var message, out var error);

        Assert.False(ok);
        Assert.Null(message);
        Assert.Equal(reason, error.Reason);
        Assert.True(error.TryCreateBadRequest(out var response));
        Assert.Equal(reason, response.ReasonPhrase);
        Assert.Single(response.Headers.GetAll("Via"));
    }

    [Fact]
    public void ParserAcceptsMissingMaxForwards()
    {
        var text = SipTexts.Invite().Replace("Max-Forwards: 70\r\n", string.Empty, StringComparison.Ordinal);

        var ok = SipParser.TryParse(Encoding.UTF8.GetBytes(text), out _, out var error);

        Assert.True(ok, error.Reason);
    }

    [Fact]
    public void ParserRejectsBareCarriageReturn()
    {
        var text = SipTexts.Invite()
            .Replace("Max-Forwards: 70\r\n", "Max-Forwards: 70\rX-Evil: 1\r\n", StringComparison.Ordinal);

        var ok = SipParser.TryParse(Encoding.UTF8.GetBytes(text), out _, out var error);

        Assert.False(ok);
        Assert.Equal("Bare CR in message", error.Reason);
    }

    [Theory]
    [InlineData("Content-Length: 999", "Content-Length larger than the body")]
    [InlineData("Content-Length: -4", "Malformed Content-Length header")]
    [InlineData("Content-Length: ten", "Malformed Content-Length header")]
    public void ParserRefusesBadContentLengthWithAnswerableReason(string contentLength, string reason)
    {
        var original = SipTexts.Invite();
        var length = Encoding.UTF8.GetByteCount(SipTexts.SdpBody);
        var text = original.Replace($"Content-Length: {length}", contentLength, StringComparison.Ordinal);

        var ok = SipParser.TryParse(Encoding.UTF8.GetBytes(text), out _, out var error);

        Assert.False(ok);
        Assert.Equal(reason, error.Reason);
        Assert.True(error.TryCreateBadRequest(out var badRequest));
        Assert.Equal(400, badRequest.StatusCode);
        Assert.Equal(reason, badRequest.ReasonPhrase);
        Assert.Equal("a84b4c76e66710@pc33.example.com", badRequest.CallId);
        Assert.Equal("z9hG4bK776asdhds", badRequest.Vias[0].Branch);
        Assert.Equal(new SipCSeq(314159, "INVITE"), badRequest.CSeq);
    }

    [Fact]
    public void ParserRefusesMessageOver64KiB()
    {
        var body = new string('x', SipParser.MaxMessageBytes);
        var text = SipTexts.Invite(body: body);

        var ok = SipParser.TryParse(Encoding.UTF8.GetBytes(text), out _, out var error);

        Assert.False(ok);
        Assert.Equal("Message larger than 64 KiB", error.Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n\r\n")]
    [InlineData("INVITE sip:100@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n")]
    [InlineData("INVITE sip:100@127.0.0.1 SIP/3.0\r\n\r\n")]
    [InlineData("INVITE  SIP/2.0\r\n\r\n")]
    [InlineData("INVITE tel:+15551234 SIP/2.0\r\n\r\n")]
    [InlineData("SIP/2.0 20 OK\r\n\r\n")]
    [InlineData("SIP/2.0 999 Huh\r\n\r\n")]
    [InlineData("HELLO\r\n\r\n")]
    public void ParserRefusesMalformedStartOrHeadWithReason(string text)
    {
        var ok = SipParser.TryParse(Encoding.UTF8.GetBytes(text), out var message, out var error);

        Assert.False(ok);
        Assert.Null(message);
        Assert.False(string.IsNullOrEmpty(error.Reason));
    }

    [Fact]
    public void ParserRefusesCSeqMethodThatDiffersFromRequestMethod()
    {
        var text = SipTexts.Invite()
            .Replace("CSeq: 314159 INVITE", "CSeq: 314159 BYE", StringComparison.Ordinal);

        var ok = SipParser.TryParse(Encoding.UTF8.GetBytes(text), out _, out var error);

        Assert.False(ok);
        Assert.True(error.TryCreateBadRequest(out var badRequest));
        Assert.Equal(400, badRequest.StatusCode);
    }

    [Fact]
    public void ParserNeverOffersBadRequestForMalformedAck()
    {
        var text = SipTexts.Invite(method: "ACK")
            .Replace("Max-Forwards: 70", "Max-Forwards: many", StringComparison.Ordinal);

        var ok = SipParser.TryParse(Encoding.UTF8.GetBytes(text), out _, out var error);

        Assert.False(ok);
        Assert.Equal("Malformed Max-Forwards header", error.Reason);
        Assert.False(error.TryCreateBadRequest(out _));
    }

    [Fact]
    public void ParserNeverOffersBadRequestForMalformedResponse()
    {
        var text = SipTexts.Response(200, "OK", "z9hG4bKx", "INVITE")
            .Replace("Content-Length: 0", "Content-Length: 5", StringComparison.Ordinal);

        var ok = SipParser.TryParse(Encoding.UTF8.GetBytes(text), out _, out var error);

        Assert.False(ok);
        Assert.False(error.TryCreateBadRequest(out _));
    }

    [Fact]
    public void EveryPrefixOfAValidMessageIsRefusedWithoutThrowing()
    {
        var bytes = Encoding.UTF8.GetBytes(SipTexts.Invite(body: string.Empty));

        for (var cut = 0; cut < bytes.Length - 4; cut++)
        {
            var ok = SipParser.TryParse(bytes.AsSpan(0, cut), out _, out var error);

            Assert.False(ok, $"prefix of {cut} bytes was accepted");
            Assert.False(string.IsNullOrEmpty(error.Reason));
        }
    }

    [Fact]
    public void SerializedMessageParsesBackToTheSameHeadersAndBody()
    {
        Assert.True(SipParser.TryParse(Encoding.UTF8.GetBytes(SipTexts.Invite()), out var original, out _));

        var ok = SipParser.TryParse(original!.ToBytes(), out var again, out var error);

        Assert.True(ok, error.Reason);
        Assert.Equal(original.Headers.ToArray(), again!.Headers.ToArray());
        Assert.Equal(original.Body.ToArray(), again.Body.ToArray());
    }
}
