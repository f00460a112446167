using System.Text;
using Appliance.Sip.Messages;

namespace Appliance.Sip.Tests.Torture;

/// <summary>RFC 4475 §3.1.1, §3.3 and §3.4 and RFC 5118 §4: messages a parser must read.</summary>
public sealed class TortureValidMessageTests
{
    [Fact]
    public void ShortTortuousInviteReadsThroughFoldingCompactFormsAndOddSpacing()
    {
        var request = Parse<SipRequest>("wsinv");

        Assert.Equal("INVITE", request.Method);
        Assert.True(request.RequestUri.Parameters.ContainsKey("unknownparam"));
        Assert.Equal("1918181833n", request.To!.Tag);
        Assert.Equal("J Rosenberg \\\"", request.From!.DisplayName);
        Assert.Equal("98asjd8", request.From.Tag);
        Assert.Equal("68", request.Headers["Max-Forwards"]!.TrimStart('0'));
        Assert.Equal(new SipCSeq(9, "INVITE"), request.CSeq);
        Assert.Equal(["390skdjuw", "z9hG4bK9ikj8", "z9hG4bK30239"], request.Vias.Select(v => v.Branch));
        Assert.Equal(["UDP", "TCP", "UDP"], request.Vias.Select(v => v.Transport));
        Assert.Equal("spindle.example.com", request.Vias[1].Host);
        Assert.Equal(string.Empty, request.Headers["Subject"]);
        Assert.Equal("newfangled value continued newfangled value", request.Headers["NewFangledHeader"]);
        Assert.Equal(";;,,;;,;", request.Headers["UnknownHeaderWithUnusualValue"]);
        var contact = SipNameAddress.Parse(request.Headers["Contact"]!);
        Assert.Equal("Quoted string \"\"", contact.DisplayName);
        Assert.Equal("newvalue", contact.Parameters["newparam"]);
        Assert.Equal("0.33", contact.Parameters["q"]);
        Assert.StartsWith("v=0\r\n", Encoding.UTF8.GetString(request.Body.Span), StringComparison.Ordinal);
        Assert.Equal(150, request.Body.Length);
    }

    [Fact]
    public void WideRangeOfValidCharactersIsKeptExactly()
    {
        var request = Parse<SipRequest>("intmeth");

        Assert.Equal("!interesting-Method0123456789_*+`.%indeed'~", request.Method);
        Assert.Equal("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", request.RequestUri.User);
        Assert.Equal("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)", request.RequestUri.Password);
        Assert.Equal("example.com", request.RequestUri.Host);
        Assert.Equal("BEL:\u0007 NUL:\0 DEL:\u007f", request.To!.DisplayName);
        Assert.Equal("token1~` token2'+_ token3*%!.-", request.From!.DisplayName);
        Assert.Equal("_token~1'+`*%!-.", request.From.Tag);
        Assert.Equal("работающий", request.From.Parameters["fromParam''~+*_!.-%"]);
        Assert.Equal("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{", request.CallId);
        Assert.Equal("\ufeff大停電", request.Headers["extensionHeader-!.%*+_`'~"]);
    }

    [Fact]
    public void PercentEscapesDecodeInUserParts()
    {
        var request = Parse<SipRequest>("esc01");

        Assert.Equal("sips%3Auser%40example.com", request.RequestUri.User);
        Assert.Equal("sips:user@example.com", request.RequestUri.DecodedUser);
        Assert.Equal("example.net", request.RequestUri.Host);
        Assert.Equal("alice", request.To!.Uri.DecodedUser);
        Assert.Equal("I have spaces", request.From!.Uri.DecodedUser);
        Assert.Equal("application/sdp", request.ContentType);
        Assert.Equal("caller", SipNameAddress.Parse(request.Headers["Contact"]!).Uri.DecodedUser);
    }

    [Fact]
    public void EscapedNulsInUserPartsDecodeToNul()
    {
        var request = Parse<SipRequest>("escnull");

        Assert.Equal("null-\0-null", request.To!.Uri.DecodedUser);
        var contacts = request.Headers.GetAll("Contact")
            .Select(c => SipNameAddress.Parse(c).Uri.DecodedUser);
        Assert.Equal(["\0", "\0\0"], contacts);
        Assert.True(request.Body.IsEmpty);
    }

    [Fact]
    public void PercentThatIsNotAnEscapeStaysInMethodDisplayNameAndHeaderName()
    {
        var request = Parse<SipRequest>("esc02");

        Assert.Equal("RE%47IST%45R", request.Method);
        Assert.Equal(new SipCSeq(29344, "RE%47IST%45R"), request.CSeq);
        Assert.Equal("%Z%45", request.To!.DisplayName);
        Assert.Equal(2, request.Headers.GetAll("Contact").Count);
        Assert.Equal("<sip:alias2@host2.example.com>", request.Headers["C%6Fntact"]);
    }

    [Fact]
    public void DisplayNameWithoutSpaceBeforeBracketIsRead()
    {
        var request = Parse<SipRequest>("lwsdisp");

        Assert.Equal("caller", request.From!.DisplayName);
        Assert.Equal("caller", request.From.Uri.User);
    }

    [Fact]
    public void LongValuesAndThirtyFourViasAreRead()
    {
        var request = Parse<SipRequest>("longreq");

        Assert.Equal(34, request.Vias.Count);
        Assert.Equal("sip34.example.com", request.Vias[0].Host);
        Assert.Equal("sip1.example.com", request.Vias[^1].Host);
        var extreme = string.Concat(Enumerable.Repeat("extreme", 10));
        Assert.Contains(extreme, request.To!.DisplayName, StringComparison.Ordinal);
        Assert.Equal(6000, request.To.Uri.Port);
        Assert.Equal("12" + string.Concat(Enumerable.Repeat("982", 50)) + "424", request.From!.Tag);
        var unknown = "Unknown-" + string.Concat(Enumerable.Repeat("Long", 20)) + "-Name";
        Assert.StartsWith("unknown-longlong", request.Headers[unknown], StringComparison.Ordinal);
        Assert.Equal(150, request.Body.Length);
    }

    [Fact]
    public void SecondRequestInOneDatagramIsDiscarded()
    {
        var request = Parse<SipRequest>("dblreq");

        Assert.Equal("REGISTER", request.Method);
        Assert.Equal("dblreq.0ha0isndaksdj99sdfafnl3lk233412", request.CallId);
        Assert.True(request.Body.IsEmpty);
    }

    [Fact]
    public void SemicolonInUserPartIsNotAUriParameter()
    {
        var request = Parse<SipRequest>("semiuri");

        Assert.Equal("user;par=u%40example.net", request.RequestUri.User);
        Assert.Equal("example.com", request.RequestUri.Host);
        Assert.Empty(request.RequestUri.Parameters);
        Assert.Equal(6, request.Headers.GetAll("Accept").Count);
        Assert.Equal("message/sipfrag", request.Headers.GetAll("Accept")[^1]);
    }

    [Fact]
    public void UnknownTransportsInViaAreRead()
    {
        var request = Parse<SipRequest>("transports");

        Assert.Equal(["UDP", "SCTP", "TLS", "UNKNOWN", "TCP"], request.Vias.Select(v => v.Transport));
        Assert.Equal("transports.kijh4akdnaqjkwendsasfdj", request.CallId);
    }

    [Fact]
    public void MultipartBodySplitsIntoSdpAndTextParts()
    {
        var request = Parse<SipRequest>("mpart01");

        Assert.True(SipMultipartBody.TryParse(request.ContentType, request.Body, out var parts));
        Assert.Equal(2, parts.Count);
        Assert.Equal("application/sdp", parts[0].ContentType);
        var sdp = Encoding.UTF8.GetString(parts[0].Body.Span);
        Assert.StartsWith("v=0\r\no=jennifer", sdp, StringComparison.Ordinal);
        Assert.EndsWith("a=rtpmap:0 PCMU/8000\r\n", sdp, StringComparison.Ordinal);
        Assert.Equal("text/plain", parts[1].ContentType);
        var text = Encoding.UTF8.GetString(parts[1].Body.Span);
        Assert.Equal("Caller asked about the order placed on Tuesday.", text);
    }

    [Fact]
    public void UnusualUtf8ReasonPhraseIsKept()
    {
        var response = Parse<SipResponse>("unreason");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("= 2**3 * 5**2 но сто девяносто девять - простое", response.ReasonPhrase);
        Assert.Equal(35u, response.CSeq!.Value.Number);
    }

    [Fact]
    public void EmptyReasonPhraseIsRead()
    {
        var response = Parse<SipResponse>("noreason");

        Assert.Equal(100, response.StatusCode);
        Assert.Equal(string.Empty, response.ReasonPhrase);
    }

    [Fact]
    public void InvalidTimeZoneInDateIsKeptVerbatimSinceWeDoNotReadDate()
    {
        var request = Parse<SipRequest>("baddate");

        Assert.Equal("Fri, 01 Jan 2010 16:00:00 EST", request.Headers["Date"]);
    }

    [Fact]
    public void RequireAndProxyRequireValuesAreListedForTheTransactionUser()
    {
        var request = Parse<SipRequest>("bext01");

        Assert.Equal(
            ["nothingSupportsThis", "nothingSupportsThisEither"],
            request.Headers.GetAll("Require"));
        Assert.Equal(2, request.Headers.GetAll("Proxy-Require").Count);
    }

    [Fact]
    public void UnknownContentTypeIsKeptForTheTransactionUserToAnswer415()
    {
        var request = Parse<SipRequest>("invut");

        Assert.Equal("application/unknownformat", request.ContentType);
        var body = Encoding.UTF8.GetString(request.Body.Span);
        Assert.StartsWith("<audio>", body, StringComparison.Ordinal);
    }

    [Fact]
    public void ContactParameterOutsideBracketsBelongsToTheHeader()
    {
        var request = Parse<SipRequest>("cparam01");

        var contact = SipNameAddress.Parse(request.Headers["Contact"]!);
        Assert.True(contact.Parameters.ContainsKey("unknownparam"));
        Assert.Empty(contact.Uri.Parameters);
        Assert.Equal("+19725552222", contact.Uri.User);
    }

    [Fact]
    public void ContactParameterInsideBracketsBelongsToTheUri()
    {
        var request = Parse<SipRequest>("cparam02");

        var contact = SipNameAddress.Parse(request.Headers["Contact"]!);
        Assert.Empty(contact.Parameters);
        Assert.True(contact.Uri.Parameters.ContainsKey("unknownparam"));
    }

    [Fact]
    public void EscapedHeaderInBracketedContactIsKeptAsUriHeaders()
    {
        var request = Parse<SipRequest>("regescrt");

        var contact = SipNameAddress.Parse(request.Headers["Contact"]!);
        Assert.Equal("Route=%3Csip:sip.example.com%3E", contact.Uri.Headers);
        Assert.Equal("example.com", contact.Uri.Host);
    }

    [Fact]
    public void Rfc2543InviteWithoutBranchOrContentLengthIsRead()
    {
        var request = Parse<SipRequest>("inv2543");

        Assert.Null(request.Vias[0].Branch);
        Assert.Null(request.From!.Tag);
        Assert.Equal("phone", request.To!.Parameters["user"]);
        var body = Encoding.UTF8.GetString(request.Body.Span);
        Assert.EndsWith("a=rtpmap:0 PCMU/8000\r\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public void BranchThatIsOnlyTheMagicCookieIsRead()
    {
        var request = Parse<SipRequest>("badbranch");

        Assert.Equal("z9hG4bK", request.Vias[0].Branch);
    }

    [Fact]
    public void Ipv6ReferencesInRequestUriViaAndContactAreRead()
    {
        var request = Parse<SipRequest>("ipv6good");

        Assert.Equal("[2001:db8::10]", request.RequestUri.Host);
        Assert.Null(request.RequestUri.Port);
        Assert.Equal("[2001:db8::9:1]", request.Vias[0].Host);
    }

    [Fact]
    public void Ipv6PortOutsideTheBracketsIsAPort()
    {
        var request = Parse<SipRequest>("ipv6port");

        Assert.Equal("[2001:db8::10]", request.RequestUri.Host);
        Assert.Equal(5070, request.RequestUri.Port);
    }

    [Fact]
    public void Ipv6GroupInsideTheBracketsIsPartOfTheAddress()
    {
        var request = Parse<SipRequest>("ipv6ambig");

        Assert.Equal("[2001:db8::10:5070]", request.RequestUri.Host);
        Assert.Null(request.RequestUri.Port);
    }

    [Fact]
    public void Ipv6ReceivedParameterInBracketsIsRead()
    {
        var request = Parse<SipRequest>("ipv6rcvd");

        Assert.Equal("[2001:db8::9:255]", request.Vias[0].Received);
    }

    [Fact]
    public void Ipv4MappedIpv6ReferencesAreRead()
    {
        var request = Parse<SipRequest>("ipv6mapped");

        Assert.Equal("[::ffff:192.0.2.10]", request.RequestUri.Host);
        Assert.Equal("[::ffff:192.0.2.19]", request.Vias[0].Host);
        var contact = request.Headers.GetAll("Contact").Select(SipNameAddress.Parse).Single();
        Assert.Equal("Caller", contact.DisplayName);
    }

    [Fact]
    public void ToAndFromOfOtherUriSchemesAreKeptForTheTransactionUser()
    {
        var request = Parse<SipRequest>("unksm2");

        var response = request.CreateResponse(404, toTag: "box1");

        Assert.Null(request.To);
        Assert.Null(request.From);
        Assert.Equal("isbn:2983792873", request.Headers["To"]);
        Assert.Equal("<http://www.example.com>;tag=3234233", request.Headers["From"]);
        Assert.Equal("isbn:2983792873;tag=box1", response.Headers["To"]);
        Assert.Equal("<http://www.example.com>;tag=3234233", response.Headers["From"]);
    }

    private static T Parse<T>(string name)
        where T : SipMessage
    {
        var ok = SipParser.TryParse(TortureFile.Load(name), out var message, out var error);

        Assert.True(ok, name + ": " + error.Reason);
        return Assert.IsType<T>(message);
    }
}
