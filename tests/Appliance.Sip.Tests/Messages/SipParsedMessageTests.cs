using System.Buffers;
using System.Text;
using Appliance.Sip.Messages;
using Appliance.Sip.Tests.Support;

namespace Appliance.Sip.Tests.Messages;

/// <summary>
/// A parsed message keeps its own copy of the bytes, decodes header values on first read and
/// keeps the values it parsed until its headers change.
/// </summary>
public sealed class SipParsedMessageTests
{
    [Fact]
    public void HeaderValueReadTwiceIsTheSameString()
    {
        var message = Parse(SipTexts.Invite());

        var first = message.Headers["Call-ID"];
        var second = message.Headers["i"];

        Assert.Equal("a84b4c76e66710@pc33.example.com", first);
        Assert.Same(first, second);
        Assert.Same(first, message.CallId);
    }

    [Fact]
    public void MessageIsReadAfterTheCallersPooledBufferIsReturnedAndCleared()
    {
        var text = SipTexts.Invite();
        var length = Encoding.UTF8.GetByteCount(text);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        Encoding.UTF8.GetBytes(text, buffer);

        Assert.True(SipParser.TryParse(buffer.AsSpan(0, length), out var parsed, out var error), error.Reason);
        ArrayPool<byte>.Shared.Return(buffer, clearArray: true);

        var request = Assert.IsType<SipRequest>(parsed);
        Assert.Equal("100", request.RequestUri.User);
        Assert.Equal("a84b4c76e66710@pc33.example.com", request.CallId);
        Assert.Equal("1928301774", request.From!.Tag);
        Assert.Equal("z9hG4bK776asdhds", request.Vias[0].Branch);
        Assert.Equal(SipTexts.SdpBody, Encoding.UTF8.GetString(request.Body.Span));
        Assert.Equal(Encoding.UTF8.GetBytes(text), request.ToBytes());
    }

    [Fact]
    public void ParsedValuesAreKeptUntilTheHeadersChange()
    {
        var message = Parse(SipTexts.Invite());
        var from = message.From;
        var vias = message.Vias;

        Assert.Same(from, message.From);
        Assert.Same(vias, message.Vias);

        message.Headers["From"] = "<sip:bob@127.0.0.1>;tag=changed";
        message.Headers.Insert(0, "Via", "SIP/2.0/UDP 192.0.2.7;branch=z9hG4bKnew");

        Assert.Equal("changed", message.From!.Tag);
        Assert.Equal(["z9hG4bKnew", "z9hG4bK776asdhds"], message.Vias.Select(v => v.Branch));
        Assert.Equal(new SipCSeq(314159, "INVITE"), message.CSeq);
    }

    [Fact]
    public void StampedTopViaIsWhatTheNextReadReturns()
    {
        var message = Parse(SipTexts.Invite());
        var top = message.Vias[0];
        top.Received = "192.0.2.9";

        message.Headers.ReplaceFirst("Via", top.ToString());

        Assert.NotSame(top, message.Vias[0]);
        Assert.Equal("192.0.2.9", message.Vias[0].Received);
        Assert.Contains("received=192.0.2.9", message.Headers["Via"], StringComparison.Ordinal);
    }

    [Fact]
    public void RequestUriWithNonAsciiParameterIsReadAsWritten()
    {
        var request = Assert.IsType<SipRequest>(
            Parse(SipTexts.Request("OPTIONS", "sip:100@127.0.0.1;x=é", "z9hG4bKu8", "utf8@h", 1)));

        Assert.Equal("é", request.RequestUri.Parameters["x"]);
        Assert.Equal("100", request.RequestUri.User);
    }

    [Fact]
    public void FoldedValueAndCommaSeparatedViasAreIndexedAsTheyWereRead()
    {
        var message = Parse(SipTexts.Request(
            "OPTIONS",
            "sip:100@127.0.0.1",
            "z9hG4bKf1",
            "fold@h",
            1,
            extraHeaders: "Subject: first\r\n  second\r\nv: SIP/2.0/UDP a.example;branch=z9hG4bKa , "
                + "SIP/2.0/TCP b.example;branch=z9hG4bKb\r\n"));

        Assert.Equal("first second", message.Headers["s"]);
        Assert.Equal(["z9hG4bKf1", "z9hG4bKa", "z9hG4bKb"], message.Vias.Select(v => v.Branch));
        Assert.Equal(3, message.Headers.GetAll("Via").Count);
    }

    [Fact]
    public void HeadersChangedWhileEnumeratedStopTheEnumeration()
    {
        var message = Parse(SipTexts.Invite());

        Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var (name, _) in message.Headers)
            {
                message.Headers.Add("X-Seen", name);
            }
        });
    }

    private static SipMessage Parse(string text)
    {
        var ok = SipParser.TryParse(Encoding.UTF8.GetBytes(text), out var message, out var error);

        Assert.True(ok, error.Reason);
        return message!;
    }
}
