using System.Net;
using System.Text;
using Appliance.Sip.Dialogs;
using Appliance.Sip.Messages;
using Appliance.Sip.Tests.Support;

namespace Appliance.Sip.Tests.Dialogs;

public sealed class SipDialogTests
{
    private static readonly IPEndPoint s_remote = new(IPAddress.Loopback, 5070);

    [Fact]
    public void UasDialogTakesTagsTargetAndRouteFromTheInvite()
    {
        var invite = ParseInvite("Record-Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>\r\n");
        var ok = invite.CreateResponse(200, toTag: "uas-tag");

        var dialog = SipDialog.CreateUas(invite, ok, s_remote);

        Assert.Equal("uas-tag", dialog.LocalTag);
        Assert.Equal("1928301774", dialog.RemoteTag);
        Assert.Equal("sip:alice@127.0.0.1:5070", dialog.RemoteTarget.ToString());
        Assert.Equal(["<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>"], dialog.RouteSet);
    }

    [Fact]
    public void ByeFromUasSwapsPartiesAndCountsUpLocalCSeq()
    {
        var invite = ParseInvite(string.Empty);
        var dialog = SipDialog.CreateUas(invite, invite.CreateResponse(200, toTag: "uas-tag"), s_remote);

        var bye = dialog.CreateRequest("BYE");
        var second = dialog.CreateRequest("BYE");

        Assert.Equal("uas-tag", bye.From!.Tag);
        Assert.Equal("1928301774", bye.To!.Tag);
        Assert.Equal(new SipCSeq(1, "BYE"), bye.CSeq);
        Assert.Equal(2u, second.CSeq!.Value.Number);
        Assert.Equal("70", bye.Headers["Max-Forwards"]);
        Assert.Equal("sip:alice@127.0.0.1:5070", bye.RequestUri.ToString());
        Assert.True(dialog.Matches(invite.CreateResponse(200, toTag: "uas-tag")));
    }

    [Fact]
    public void UacAckUsesTheInviteCSeqAndReversedRouteSet()
    {
        var invite = ParseInvite(string.Empty);
        var ok = invite.CreateResponse(200, toTag: "callee");
        ok.Headers.Add("Contact", "<sip:1001@10.0.0.5:5062>");
        ok.Headers.Add("Record-Route", "<sip:p2.example.com;lr>, <sip:p1.example.com;lr>");

        var dialog = SipDialog.CreateUac(invite, ok, s_remote);
        var ack = dialog.CreateAck(ok);
        var bye = dialog.CreateRequest("BYE");

        Assert.Equal(new SipCSeq(314159, "ACK"), ack.CSeq);
        Assert.Equal("sip:1001@10.0.0.5:5062", ack.RequestUri.ToString());
        Assert.Equal(["<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>"], ack.Headers.GetAll("Route"));
        Assert.Equal(314160u, bye.CSeq!.Value.Number);
        Assert.Equal("callee", bye.To!.Tag);
    }

    [Fact]
    public void DialogDoesNotMatchAnotherCallOrTag()
    {
        var invite = ParseInvite(string.Empty);
        var dialog = SipDialog.CreateUas(invite, invite.CreateResponse(200, toTag: "uas-tag"), s_remote);

        var otherTag = invite.CreateResponse(200, toTag: "someone-else");

        Assert.False(dialog.Matches(otherTag));
    }

    private static SipRequest ParseInvite(string extraHeaders)
    {
        var text = SipTexts.Invite()
            .Replace("Max-Forwards: 70\r\n", "Max-Forwards: 70\r\n" + extraHeaders, StringComparison.Ordinal);
        Assert.True(SipParser.TryParse(Encoding.UTF8.GetBytes(text), out var message, out var error),
            error.Reason);
        return Assert.IsType<SipRequest>(message);
    }
}
