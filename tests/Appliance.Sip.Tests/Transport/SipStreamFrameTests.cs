using System.Text;
using Appliance.Sip.Messages;
using Appliance.Sip.Tests.Support;
using Appliance.Sip.Transport;

namespace Appliance.Sip.Tests.Transport;

public sealed class SipStreamFrameTests
{
    [Fact]
    public void EverySplitPointOfTwoMessagesFramesTheSameTwoMessages()
    {
        var first = SipTexts.Request("OPTIONS", "sip:100@127.0.0.1", "z9hG4bKa", "one", 1, body: "hello");
        var second = SipTexts.Request("OPTIONS", "sip:100@127.0.0.1", "z9hG4bKb", "two", 2);
        var stream = Encoding.UTF8.GetBytes(first + second);

        for (var split = 1; split < stream.Length; split++)
        {
            var callIds = Frame(stream.AsSpan(0, split).ToArray(), stream.AsSpan(split).ToArray());

            Assert.Equal(["one", "two"], callIds);
        }
    }

    [Fact]
    public void DoubleCrlfIsAPingAndSingleCrlfAPong()
    {
        var ping = SipStreamFrame.TryRead("\r\n\r\nOPTIONS"u8, SipParser.MaxMessageBytes, out var pingLength);
        var pong = SipStreamFrame.TryRead("\r\nOPTIONS"u8, SipParser.MaxMessageBytes, out var pongLength);

        Assert.Equal(SipStreamFrameKind.Ping, ping);
        Assert.Equal(4, pingLength);
        Assert.Equal(SipStreamFrameKind.Pong, pong);
        Assert.Equal(2, pongLength);
    }

    [Theory]
    [InlineData("Content-Length: many")]
    [InlineData("Content-Length: 70000")]
    public void UnusableContentLengthBreaksTheStream(string header)
    {
        var text = SipTexts.Request("OPTIONS", "sip:100@127.0.0.1", "z9hG4bKa", "one", 1)
            .Replace("Content-Length: 0", header, StringComparison.Ordinal);

        var kind = SipStreamFrame.TryRead(Encoding.UTF8.GetBytes(text), SipParser.MaxMessageBytes, out _);

        Assert.Equal(SipStreamFrameKind.Broken, kind);
    }

    [Fact]
    public void HeadWithoutEndOverTheLimitBreaksTheStream()
    {
        var endless = Encoding.ASCII.GetBytes("OPTIONS sip:a SIP/2.0\r\n" + new string('X', SipParser.MaxMessageBytes));

        var kind = SipStreamFrame.TryRead(endless, SipParser.MaxMessageBytes, out _);

        Assert.Equal(SipStreamFrameKind.Broken, kind);
    }

    private static List<string> Frame(byte[] part1, byte[] part2)
    {
        var callIds = new List<string>();
        var buffer = new List<byte>();
        foreach (var part in new[] { part1, part2 })
        {
            buffer.AddRange(part);
            while (true)
            {
                var bytes = buffer.ToArray();
                var kind = SipStreamFrame.TryRead(bytes, SipParser.MaxMessageBytes, out var length);
                if (kind != SipStreamFrameKind.Message)
                {
                    Assert.Equal(SipStreamFrameKind.Incomplete, kind);
                    break;
                }

                Assert.True(SipParser.TryParse(bytes.AsSpan(0, length), out var message, out var error), error.Reason);
                callIds.Add(message.CallId!);
                buffer.RemoveRange(0, length);
            }
        }

        return callIds;
    }
}
