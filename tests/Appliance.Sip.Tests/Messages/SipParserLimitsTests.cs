using System.Text;
using Appliance.Sip.Messages;
using Appliance.Sip.Tests.Support;

namespace Appliance.Sip.Tests.Messages;

public sealed class SipParserLimitsTests
{
    [Fact]
    public void RequestWithTooManyHeaderFieldsIsAnswered513()
    {
        var text = SipTexts.Invite()
            .Replace("Content-Length:", Filler() + "Content-Length:", StringComparison.Ordinal);

        var ok = SipParser.TryParse(Encoding.UTF8.GetBytes(text), out _, out var error);

        Assert.False(ok);
        Assert.Equal("Too many header fields", error.Reason);
        Assert.True(error.TryCreateResponse(out var response));
        Assert.Equal(513, response.StatusCode);
    }

    [Fact]
    public void RequestWithBodyOverTheLimitIsAnswered413()
    {
        var body = new string('a', SipParser.MaxBodyBytes + 1);
        var text = SipTexts.Request("MESSAGE", "sip:100@127.0.0.1", "z9hG4bKbig", "big-body", 1, body: body);

        var ok = SipParser.TryParse(Encoding.UTF8.GetBytes(text), out _, out var error);

        Assert.False(ok);
        Assert.True(error.TryCreateResponse(out var response));
        Assert.Equal(413, response.StatusCode);
        Assert.Equal("Body larger than 32 KiB", response.ReasonPhrase);
    }

    [Fact]
    public void RequestOverTheMessageLimitIsAnswered513FromItsHead()
    {
        var body = new string('a', SipParser.MaxMessageBytes);
        var text = SipTexts.Request("MESSAGE", "sip:100@127.0.0.1", "z9hG4bKhuge", "huge", 1, body: body);

        var ok = SipParser.TryParse(Encoding.UTF8.GetBytes(text), out _, out var error);

        Assert.False(ok);
        Assert.True(error.TryCreateResponse(out var response));
        Assert.Equal(513, response.StatusCode);
        Assert.Equal("huge", response.CallId);
    }

    [Fact]
    public void ResponseOverTheLimitIsDropped()
    {
        var text = SipTexts.Response(200, "OK", "z9hG4bKx", "INVITE")
            .Replace("\r\n\r\n", "\r\n" + Filler() + "\r\n", StringComparison.Ordinal);

        var ok = SipParser.TryParse(Encoding.UTF8.GetBytes(text), out _, out var error);

        Assert.False(ok);
        Assert.False(error.TryCreateResponse(out _));
    }

    private static string Filler() =>
        string.Concat(Enumerable.Range(0, SipParser.MaxHeaderFields).Select(i => $"X-Filler-{i}: {i}\r\n"));
}
