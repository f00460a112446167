using Appliance.Service.Tests.Support;

namespace Appliance.Service.Tests.EndToEnd.Sip;

/// <summary>
/// The caller's dialog with the box, driven by hand over real sockets: hold and resume by
/// re-INVITE and UPDATE, delayed offer, glare and the CSeq rules of RFC 3261 §12.2.2.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class DialogTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private static readonly TimeSpan s_quiet = TimeSpan.FromMilliseconds(400);

    [Fact]
    [Trait("Category", "Integration")]
    public async Task CallerOnHoldGetsNoAudioUntilAnUpdateResumesIt()
    {
        using var caller = new RawCaller(fixture.Service.SipEndPoint);
        var answer = await caller.RequestAsync("INVITE", caller.Sdp(1));
        await caller.SendAsync("ACK");
        var before = await caller.MediaAsync();

        var hold = await caller.RequestAsync("INVITE", caller.Sdp(2, "sendonly"));
        await caller.SendAsync("ACK");
        await Task.Delay(TimeSpan.FromMilliseconds(100));
        caller.DrainMedia();
        var duringHold = await caller.MediaAsync(s_quiet);
        var resume = await caller.RequestAsync("UPDATE", caller.Sdp(3));
        var afterResume = await caller.MediaAsync();
        var bye = await caller.RequestAsync("BYE");

        Assert.StartsWith("SIP/2.0 200 ", answer, StringComparison.Ordinal);
        Assert.NotNull(before);
        Assert.StartsWith("SIP/2.0 200 ", hold, StringComparison.Ordinal);
        Assert.Contains("a=recvonly", hold, StringComparison.Ordinal);
        Assert.Null(duringHold);
        Assert.StartsWith("SIP/2.0 200 ", resume, StringComparison.Ordinal);
        Assert.Contains("a=sendrecv", resume, StringComparison.Ordinal);
        Assert.NotNull(afterResume);
        Assert.StartsWith("SIP/2.0 200 ", bye, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task InactiveReInviteIsAnsweredInactiveAndSilencesTheBox()
    {
        using var caller = new RawCaller(fixture.Service.SipEndPoint);
        await caller.RequestAsync("INVITE", caller.Sdp(1));
        await caller.SendAsync("ACK");
        await caller.MediaAsync();

        var hold = await caller.RequestAsync("INVITE", caller.Sdp(2, "inactive"));
        await caller.SendAsync("ACK");
        await Task.Delay(TimeSpan.FromMilliseconds(100));
        caller.DrainMedia();
        var duringHold = await caller.MediaAsync(s_quiet);
        await caller.RequestAsync("BYE");

        Assert.StartsWith("SIP/2.0 200 ", hold, StringComparison.Ordinal);
        Assert.Contains("a=inactive", hold, StringComparison.Ordinal);
        Assert.Null(duringHold);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task InviteWithoutOfferGetsOursInTheOkAndTheAnswerInTheAckStartsTheAudio()
    {
        using var caller = new RawCaller(fixture.Service.SipEndPoint);

        var ok = await caller.RequestAsync("INVITE");
        await caller.SendAsync("ACK", caller.Sdp(1));
        var media = await caller.MediaAsync();
        var bye = await caller.RequestAsync("BYE");

        Assert.StartsWith("SIP/2.0 200 ", ok, StringComparison.Ordinal);
        Assert.Equal("application/sdp", SippResult.Header(ok, "Content-Type"));
        Assert.Contains("m=audio ", ok, StringComparison.Ordinal);
        Assert.Contains("a=sendrecv", ok, StringComparison.Ordinal);
        Assert.NotNull(media);
        Assert.StartsWith("SIP/2.0 200 ", bye, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task OfferCrossingOurPendingOfferIsAnswered491AndTheSessionGoesOn()
    {
        using var caller = new RawCaller(fixture.Service.SipEndPoint);
        await caller.RequestAsync("INVITE", caller.Sdp(1));
        await caller.SendAsync("ACK");

        var ourOffer = await caller.RequestAsync("INVITE");
        var crossing = await caller.RequestAsync("UPDATE", caller.Sdp(2));
        await caller.SendAsync("ACK", caller.Sdp(3));
        var afterAnswer = await caller.RequestAsync("UPDATE", caller.Sdp(4));
        var bye = await caller.RequestAsync("BYE");

        Assert.StartsWith("SIP/2.0 200 ", ourOffer, StringComparison.Ordinal);
        Assert.Contains("m=audio ", ourOffer, StringComparison.Ordinal);
        Assert.StartsWith("SIP/2.0 491 ", crossing, StringComparison.Ordinal);
        Assert.StartsWith("SIP/2.0 200 ", afterAnswer, StringComparison.Ordinal);
        Assert.StartsWith("SIP/2.0 200 ", bye, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task RequestGoingBackInCSeqIsAnswered500AndLeavesTheCallUp()
    {
        using var caller = new RawCaller(fixture.Service.SipEndPoint);
        await caller.RequestAsync("INVITE", caller.Sdp(1), cseq: 10);
        await caller.SendAsync("ACK");

        var stale = await caller.RequestAsync("BYE", cseq: 9);
        var media = await caller.MediaAsync();
        var bye = await caller.RequestAsync("BYE", cseq: 11);

        Assert.StartsWith("SIP/2.0 500 ", stale, StringComparison.Ordinal);
        Assert.NotNull(SippResult.Header(stale, "Retry-After"));
        Assert.NotNull(media);
        Assert.StartsWith("SIP/2.0 200 ", bye, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ByeCrossingAHoldReInviteAnswersBothAndALaterReInviteGets481()
    {
        using var caller = new RawCaller(fixture.Service.SipEndPoint);
        await caller.RequestAsync("INVITE", caller.Sdp(1));
        await caller.SendAsync("ACK");

        // SIPp cannot send two requests without reading between them; these really cross.
        await caller.SendAsync("INVITE", caller.Sdp(2, "sendonly"));
        await caller.SendAsync("BYE");
        var first = await caller.FinalResponseAsync("INVITE");
        var second = await caller.FinalResponseAsync("BYE");
        await caller.SendAsync("ACK");
        var late = await caller.RequestAsync("INVITE", caller.Sdp(3));

        Assert.StartsWith("SIP/2.0 200 ", first, StringComparison.Ordinal);
        Assert.Contains("INVITE", SippResult.Header(first, "CSeq"), StringComparison.Ordinal);
        Assert.Contains("a=recvonly", first, StringComparison.Ordinal);
        Assert.StartsWith("SIP/2.0 200 ", second, StringComparison.Ordinal);
        Assert.Contains("BYE", SippResult.Header(second, "CSeq"), StringComparison.Ordinal);
        Assert.StartsWith("SIP/2.0 481 ", late, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task DigitSentByInfoChoosesTheIvrMenuEntryLikeAnRtpDigit()
    {
        using var caller = new RawCaller(fixture.Service.SipEndPoint);
        await caller.RequestAsync("INVITE", caller.Sdp(1));
        await caller.SendAsync("ACK");
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        var unknown = await caller.RequestAsync("INFO", "hello", contentType: "text/plain");
        var relay = await caller.RequestAsync(
            "INFO",
            "Signal=1\r\nDuration=160\r\n",
            contentType: "application/dtmf-relay");
        await Task.Delay(TimeSpan.FromSeconds(1));
        await caller.RequestAsync("BYE");
        var cdr = await CdrReader.WaitForAsync(
            fixture.Service.DatabasePath,
            caller.CallId,
            TimeSpan.FromSeconds(5));

        Assert.StartsWith("SIP/2.0 415 ", unknown, StringComparison.Ordinal);
        Assert.Contains(
            "application/dtmf-relay",
            SippResult.Header(unknown, "Accept"),
            StringComparison.Ordinal);
        Assert.StartsWith("SIP/2.0 200 ", relay, StringComparison.Ordinal);
        Assert.NotNull(cdr);
        Assert.Equal("sales", cdr.Queue);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task UpdateOutsideAnyDialogIsAnswered481()
    {
        using var caller = new RawCaller(fixture.Service.SipEndPoint);

        var response = await caller.RequestAsync("UPDATE", caller.Sdp(1));

        Assert.StartsWith("SIP/2.0 481 ", response, StringComparison.Ordinal);
    }
}
