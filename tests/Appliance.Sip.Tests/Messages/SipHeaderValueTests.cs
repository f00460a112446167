using Appliance.Sip.Messages;

namespace Appliance.Sip.Tests.Messages;

public sealed class SipHeaderValueTests
{
    [Fact]
    public void UriParsesUserPasswordHostPortParametersAndHeaders()
    {
        var ok = SipUri.TryParse("sips:alice:secret@atlanta.com:5061;transport=tcp;lr?subject=project",
            out var uri);

        Assert.True(ok);
        Assert.Equal("sips", uri!.Scheme);
        Assert.Equal("alice", uri.User);
        Assert.Equal("secret", uri.Password);
        Assert.Equal("atlanta.com", uri.Host);
        Assert.Equal(5061, uri.Port);
        Assert.Equal("tcp", uri.Parameters["transport"]);
        Assert.True(uri.Parameters.ContainsKey("lr"));
        Assert.Null(uri.Parameters["lr"]);
        Assert.Equal("subject=project", uri.Headers);
        Assert.Equal("sips:alice:secret@atlanta.com:5061;transport=tcp;lr?subject=project", uri.ToString());
    }

    [Theory]
    [InlineData("sip:[2001:db8::10]:5060", "[2001:db8::10]", 5060)]
    [InlineData("sip:100@127.0.0.1", "127.0.0.1", null)]
    public void UriParsesHosts(string text, string host, int? port)
    {
        var uri = SipUri.Parse(text);

        Assert.Equal(host, uri.Host);
        Assert.Equal(port, uri.Port);
    }

    [Theory]
    [InlineData("http://example.com")]
    [InlineData("sip:")]
    [InlineData("sip:@host")]
    [InlineData("sip:host:99999")]
    [InlineData("sip:ho st")]
    [InlineData("sip:[::1")]
    public void UriRefusesMalformedText(string text)
    {
        Assert.False(SipUri.TryParse(text, out _));
    }

    [Fact]
    public void NameAddressReadsQuotedDisplayNameAndTag()
    {
        const string text =
            "\"Bob \\\"the\\\" Builder\" <sip:bob@biloxi.com;transport=udp>;tag=a6c85cf";

        var address = SipNameAddress.Parse(text);

        Assert.Equal("Bob \"the\" Builder", address.DisplayName);
        Assert.Equal("bob", address.Uri.User);
        Assert.Equal("udp", address.Uri.Parameters["transport"]);
        Assert.Equal("a6c85cf", address.Tag);
        Assert.Equal(text, address.ToString());
    }

    [Fact]
    public void NameAddressWithoutBracketsGivesParametersToTheHeader()
    {
        var address = SipNameAddress.Parse("sip:carol@chicago.com;tag=887s");

        Assert.Equal("887s", address.Tag);
        Assert.Empty(address.Uri.Parameters);
        Assert.Null(address.DisplayName);
    }

    [Fact]
    public void NameAddressReadsTokenDisplayName()
    {
        var address = SipNameAddress.Parse("Anonymous <sip:c8oqz84zk7z@privacy.org>;tag=hyh8");

        Assert.Equal("Anonymous", address.DisplayName);
        Assert.Equal("privacy.org", address.Uri.Host);
    }

    [Fact]
    public void ViaParsesReceivedAndRPortAndRoundTrips()
    {
        const string text =
            "SIP / 2.0 / udp pc33.atlanta.com:5066 ;branch=z9hG4bK776asdhds;received=192.0.2.1;rport=5070";

        var ok = SipVia.TryParse(text, out var via);

        Assert.True(ok);
        Assert.Equal("UDP", via!.Transport);
        Assert.Equal("pc33.atlanta.com", via.Host);
        Assert.Equal(5066, via.Port);
        Assert.Equal("z9hG4bK776asdhds", via.Branch);
        Assert.Equal("192.0.2.1", via.Received);
        Assert.Equal(5070, via.RPort);
        Assert.True(via.HasRPort);
        Assert.Equal(
            "SIP/2.0/UDP pc33.atlanta.com:5066;branch=z9hG4bK776asdhds;received=192.0.2.1;rport=5070",
            via.ToString());
    }

    [Fact]
    public void ViaWithBareRPortHasRPortButNoValue()
    {
        var via = SipVia.TryParse("SIP/2.0/UDP 10.0.0.1;rport;branch=z9hG4bKx", out var parsed) ? parsed : null;

        Assert.NotNull(via);
        Assert.True(via.HasRPort);
        Assert.Null(via.RPort);
    }

    [Theory]
    [InlineData("SIP/2.0 UDP host")]
    [InlineData("SIP/3.0/UDP host")]
    [InlineData("SIP/2.0/UDP")]
    [InlineData("SIP/2.0/UDP host:0")]
    public void ViaRefusesMalformedText(string text)
    {
        Assert.False(SipVia.TryParse(text, out _));
    }

    [Theory]
    [InlineData("101 INVITE", true)]
    [InlineData("  42   BYE ", true)]
    [InlineData("2147483648 INVITE", false)]
    [InlineData("INVITE", false)]
    [InlineData("-1 INVITE", false)]
    public void CSeqAcceptsOnlyNumbersBelowTwoToTheThirtyFirst(string text, bool valid)
    {
        Assert.Equal(valid, SipCSeq.TryParse(text, out _));
    }

    [Fact]
    public void HeaderCollectionIndexerReplacesAllValuesInPlace()
    {
        var headers = new SipHeaderCollection();
        headers.Add("Via", "SIP/2.0/UDP a;branch=z9hG4bK1");
        headers.Add("Contact", "<sip:a@x>");
        headers.Add("m", "<sip:b@x>");

        headers["contact"] = "<sip:c@x>";

        Assert.Equal(["<sip:c@x>"], headers.GetAll("Contact"));
        Assert.Equal("Contact", headers.Last().Key);
    }

    [Fact]
    public void HeaderCollectionSplitsListHeadersButNotAuthorization()
    {
        var headers = new SipHeaderCollection();
        headers.Add("Contact", "\"Doe, John\" <sip:j@x>;expires=60, <sip:k@y>");
        headers.Add("Authorization", "Digest username=\"a\", realm=\"r\"");

        Assert.Equal(2, headers.GetAll("Contact").Count);
        Assert.Single(headers.GetAll("Authorization"));
    }

    [Fact]
    public void HeaderCollectionRefusesValuesThatWouldInjectLines()
    {
        var headers = new SipHeaderCollection();

        Assert.Throws<ArgumentException>(() => headers.Add("Subject", "hi\r\nVia: evil"));
        Assert.Throws<ArgumentException>(() => headers.Add("Bad Name", "x"));
    }

    [Fact]
    public void CreateResponseCopiesDialogHeadersAndAddsToTagOnce()
    {
        var request = new SipRequest("INVITE", SipUri.Parse("sip:100@127.0.0.1"));
        request.Headers.Add("Via", "SIP/2.0/UDP a;branch=z9hG4bK1");
        request.Headers.Add("Via", "SIP/2.0/UDP b;branch=z9hG4bK2");
        request.Headers.Add("From", "<sip:a@x>;tag=f");
        request.Headers.Add("To", "<sip:100@127.0.0.1>");
        request.Headers.Add("Call-ID", "c1");
        request.Headers.Add("CSeq", "1 INVITE");
        request.Headers.Add("Contact", "<sip:a@x>");

        var response = request.CreateResponse(180, toTag: "ours");

        Assert.Equal("Ringing", response.ReasonPhrase);
        Assert.Equal(["a", "b"], response.Vias.Select(v => v.Host).ToArray());
        Assert.Equal("ours", response.To!.Tag);
        Assert.Equal("f", response.From!.Tag);
        Assert.Equal("c1", response.CallId);
        Assert.Null(response.Headers["Contact"]);
        Assert.Contains("Content-Length: 0\r\n\r\n", response.ToString(), StringComparison.Ordinal);
    }
}
