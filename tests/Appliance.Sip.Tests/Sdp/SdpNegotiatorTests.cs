using System.Net;
using Appliance.Sip.Sdp;

namespace Appliance.Sip.Tests.Sdp;

public sealed class SdpNegotiatorTests
{
    private static readonly IPAddress s_ours = IPAddress.Parse("192.0.2.10");

    [Fact]
    public void OfferListsOurCodecsAndTelephoneEventAtBothClocksInRfc4566Order()
    {
        var offer = SdpNegotiator.CreateOffer(s_ours, 20000, 42);

        Assert.Equal(
            "v=0\r\no=- 42 42 IN IP4 192.0.2.10\r\ns=SparkleCC\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n"
            + "m=audio 20000 RTP/AVP 9 0 8 111 101 102\r\na=rtpmap:9 G722/8000\r\na=rtpmap:0 PCMU/8000\r\n"
            + "a=rtpmap:8 PCMA/8000\r\na=rtpmap:111 opus/48000/2\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\n"
            + "a=rtpmap:102 telephone-event/48000\r\na=fmtp:102 0-16\r\na=ptime:20\r\na=sendrecv\r\n",
            offer.ToString());
    }

    [Fact]
    public void OfferPutsTheOtherLegsCodecFirst()
    {
        var offer = SdpNegotiator.CreateOffer(s_ours, 20000, 42, preferredCodec: "PCMA");

        Assert.Equal([8, 9, 0, 111, 101, 102], offer.Media[0].Formats);
    }

    [Fact]
    public void AnswerPrefersG722OverG711WhateverTheOffersOrder()
    {
        var offer = Parse(
            "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.2\r\nt=0 0\r\n"
            + "m=audio 4000 RTP/AVP 0 9 101\r\na=rtpmap:101 telephone-event/8000\r\n");

        Assert.True(SdpNegotiator.TryAnswer(offer, s_ours, 20004, 1, out var answer, out var media, out _));

        Assert.Equal(("G722", 9, 101), (media.Codec, media.PayloadType, media.TelephoneEventPayloadType));
        Assert.Contains("a=rtpmap:9 G722/8000\r\n", answer!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void OpusOnlyOfferTakesTheTelephoneEventAt48000()
    {
        var offer = Parse(
            "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.2\r\nt=0 0\r\n"
            + "m=audio 4000 RTP/AVP 96 100 101\r\na=rtpmap:96 opus/48000/2\r\n"
            + "a=rtpmap:100 telephone-event/8000\r\na=rtpmap:101 telephone-event/48000\r\n");

        Assert.True(SdpNegotiator.TryAnswer(offer, s_ours, 20004, 1, out var answer, out var media, out _));

        Assert.Equal(("OPUS", 96, 101), (media.Codec, media.PayloadType, media.TelephoneEventPayloadType));
        var text = answer!.ToString();
        Assert.Contains("m=audio 20004 RTP/AVP 96 101\r\n", text, StringComparison.Ordinal);
        Assert.Contains("a=rtpmap:96 opus/48000/2\r\n", text, StringComparison.Ordinal);
        Assert.Contains("a=rtpmap:101 telephone-event/48000\r\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("a=rtcp:53020\r\n", "10.0.0.2:53020")]
    [InlineData("a=rtcp:53020 IN IP4 192.0.2.7\r\n", "192.0.2.7:53020")]
    [InlineData("a=rtcp:4001 IN IP6 2001:db8::7\r\n", "[2001:db8::7]:4001")]
    [InlineData("a=rtcp:abc\r\n", null)]
    [InlineData("a=rtcp:70000\r\n", null)]
    public void AnswerReadsTheRtcpAddressOfTheOffer(string attributes, string? expected)
    {
        var offer = Parse(
            "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.2\r\nt=0 0\r\n"
            + "m=audio 4000 RTP/AVP 0\r\n" + attributes);

        Assert.True(SdpNegotiator.TryAnswer(offer, s_ours, 20004, 1, out _, out var media, out _));

        Assert.Equal(expected, media.RemoteRtcp?.ToString());
        Assert.Equal("10.0.0.2:4000", media.RemoteRtp.ToString());
    }

    [Theory]
    [InlineData("a=ptime:30\r\n", 30)]
    [InlineData("a=ptime:10\r\n", 10)]
    [InlineData("a=ptime:30\r\na=maxptime:20\r\n", 20)]
    [InlineData("a=maxptime:10\r\n", 10)]
    public void AnswerCarriesThePtimeTheOfferAskedForWithinItsMaxptime(string attributes, int expectedMs)
    {
        var offer = Parse(
            "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.2\r\nt=0 0\r\n"
            + "m=audio 4000 RTP/AVP 0\r\n" + attributes);

        Assert.True(SdpNegotiator.TryAnswer(offer, s_ours, 20004, 1, out var answer, out var media, out _));

        Assert.Equal(expectedMs, media.PtimeMs);
        Assert.Equal(expectedMs, answer!.Media[0].PtimeMs);
    }

    [Fact]
    public void AnswerToOurOfferIsReadInTheAnswerersOrder()
    {
        var answer = Parse(
            "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.2\r\nt=0 0\r\n"
            + "m=audio 4000 RTP/AVP 0 9\r\n");

        Assert.True(SdpNegotiator.TryReadAnswer(answer, out var media, out _));

        Assert.Equal("PCMU", media.Codec);
    }

    [Fact]
    public void PcmaOnlyOfferIsAnsweredPcmaKeepingTheOffersEventPayloadType()
    {
        var offer = Parse(
            "v=0\r\no=carrier 7 7 IN IP4 198.51.100.5\r\ns=call\r\nc=IN IP4 198.51.100.5\r\nt=0 0\r\n"
            + "m=audio 30000 RTP/AVP 8 96\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:96 telephone-event/8000\r\n"
            + "a=fmtp:96 0-15\r\na=ptime:30\r\n");

        var ok = SdpNegotiator.TryAnswer(offer, s_ours, 20002, 9, out var answer, out var media, out var error);

        Assert.True(ok, error);
        Assert.Equal(new NegotiatedMedia(new IPEndPoint(IPAddress.Parse("198.51.100.5"), 30000), 8, "PCMA",
            96, 30), media);
        var stream = Assert.Single(answer!.Media);
        Assert.Equal([8, 96], stream.Formats);
        Assert.Equal(20002, stream.Port);
        Assert.Equal("0-15", stream.Fmtps[96]);
        Assert.Contains("m=audio 20002 RTP/AVP 8 96\r\n", answer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AnswerPicksTheFirstOfferedCodecWeSupport()
    {
        var offer = Parse(
            "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nt=0 0\r\n"
            + "m=audio 4000 RTP/AVP 18 8 0\r\nc=IN IP4 10.0.0.2\r\n");

        Assert.True(SdpNegotiator.TryAnswer(offer, s_ours, 20004, 1, out _, out var media, out _));

        Assert.Equal("PCMA", media.Codec);
        Assert.Equal(IPAddress.Parse("10.0.0.2"), media.RemoteRtp.Address);
        Assert.Null(media.TelephoneEventPayloadType);
        Assert.Equal(20, media.PtimeMs);
    }

    [Fact]
    public void OfferWithoutCommonCodecFails()
    {
        var offer = Parse(
            "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n"
            + "m=audio 4000 RTP/AVP 18 3\r\n");

        var ok = SdpNegotiator.TryAnswer(offer, s_ours, 20006, 1, out var answer, out _, out var error);

        Assert.False(ok);
        Assert.Null(answer);
        Assert.Contains("No common codec", error, StringComparison.Ordinal);
    }

    [Fact]
    public void SecureStreamIsAnsweredSecureOnlyWhenTheCallerCanKeyIt()
    {
        var offer = Parse(
            "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n"
            + "m=audio 4000 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:x\r\n");

        var plainOnly = SdpNegotiator.TryAnswer(offer, s_ours, 20008, 1, out _, out _, out _);
        var secure = SdpNegotiator.TryAnswer(
            offer,
            s_ours,
            20008,
            1,
            out var answer,
            out _,
            out _,
            acceptSecure: true);

        Assert.False(plainOnly);
        Assert.True(secure);
        Assert.True(SdpNegotiator.IsSecure(answer!.Media[0]));
        Assert.Equal(20008, answer.Media[0].Port);
    }

    [Fact]
    public void ExtraStreamsAreRejectedWithPortZeroAndDirectionIsMirrored()
    {
        var offer = Parse(
            "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\na=sendonly\r\n"
            + "m=video 5000 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\nm=audio 4000 RTP/AVP 0\r\n");

        Assert.True(SdpNegotiator.TryAnswer(offer, s_ours, 20008, 1, out var answer, out _, out _));

        Assert.Equal(0, answer!.Media[0].Port);
        Assert.Equal("video", answer.Media[0].MediaType);
        Assert.Equal(20008, answer.Media[1].Port);
        Assert.Equal(SdpDirection.RecvOnly, answer.Media[1].Direction);
    }

    [Fact]
    public void ReadingAnAnswerFindsCodecAndAddress()
    {
        var answer = Parse(
            "v=0\r\no=- 5 5 IN IP4 10.0.0.9\r\ns=-\r\nc=IN IP4 10.0.0.9\r\nt=0 0\r\n"
            + "m=audio 7078 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\n");

        var ok = SdpNegotiator.TryReadAnswer(answer, out var media, out var error);

        Assert.True(ok, error);
        Assert.Equal(new NegotiatedMedia(new IPEndPoint(IPAddress.Parse("10.0.0.9"), 7078), 0, "PCMU", 101,
            20), media);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("v=0\r\ns=-\r\n")]
    [InlineData("v=0\r\no=- x 1 IN IP4 1.2.3.4\r\n")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nm=audio\r\n")]
    public void ParserRefusesBrokenDescriptionsWithAReason(string text)
    {
        var ok = SdpSession.TryParse(text, out _, out var error);

        Assert.False(ok);
        Assert.False(string.IsNullOrEmpty(error));
    }

    private static SdpSession Parse(string text)
    {
        Assert.True(SdpSession.TryParse(text, out var session, out var error), error);
        return session;
    }
}
