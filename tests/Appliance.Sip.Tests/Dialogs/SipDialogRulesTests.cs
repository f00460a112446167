using System.Net;
using System.Text;
using Appliance.Sip.Dialogs;
using Appliance.Sip.Messages;
using Appliance.Sip.Tests.Support;

namespace Appliance.Sip.Tests.Dialogs;

public sealed class SipDialogRulesTests
{
    private static readonly IPEndPoint s_remote = new(IPAddress.Loopback, 5070);

    [Fact]
    public void RequestFromThePeerWithALowerCSeqIsRefusedAndAHigherOneAccepted()
    {
        var dialog = UasDialog(string.Empty);

        var lower = dialog.TryAcceptRemoteCSeq(InDialog("BYE", 314158));
        var higher = dialog.TryAcceptRemoteCSeq(InDialog("INVITE", 314160));
        var backAgain = dialog.TryAcceptRemoteCSeq(InDialog("BYE", 314159));

        Assert.False(lower);
        Assert.True(higher);
        Assert.False(backAgain);
        Assert.Equal(314160u, dialog.RemoteCSeq);
    }

    [Fact]
    public void UacDialogAcceptsWhateverCSeqTheCalleeStartsWith()
    {
        var invite = Parse(SipTexts.Invite());
        var ok = invite.CreateResponse(200, toTag: "callee");

        var dialog = SipDialog.CreateUac(invite, ok, s_remote);
        var first = dialog.TryAcceptRemoteCSeq(InDialog("BYE", 7));

        Assert.True(first);
        Assert.Equal(7u, dialog.RemoteCSeq);
    }

    [Fact]
    public void TargetRefreshReplacesTheRequestUriOfLaterRequests()
    {
        var dialog = UasDialog(string.Empty);
        var reInvite = InDialog("INVITE", 314160);
        reInvite.Headers["Contact"] = "<sip:alice@192.0.2.44:5080>";

        var changed = dialog.RefreshRemoteTarget(reInvite);
        var unchanged = dialog.RefreshRemoteTarget(reInvite);
        var bye = dialog.CreateRequest("BYE");

        Assert.True(changed);
        Assert.False(unchanged);
        Assert.Equal("sip:alice@192.0.2.44:5080", bye.RequestUri.ToString());
    }

    [Fact]
    public void LooseRouterFirstKeepsTheRemoteTargetAsRequestUri()
    {
        var dialog = UasDialog("Record-Route: <sip:p1.example.com;lr>\r\n");

        var bye = dialog.CreateRequest("BYE");

        Assert.Equal("sip:alice@127.0.0.1:5070", bye.RequestUri.ToString());
        Assert.Equal(["<sip:p1.example.com;lr>"], bye.Headers.GetAll("Route"));
    }

    [Fact]
    public void StrictRouterFirstTakesTheRequestUriAndTheTargetGoesLastInRoute()
    {
        var dialog = UasDialog("Record-Route: <sip:p1.example.com>, <sip:p2.example.com;lr>\r\n");

        var bye = dialog.CreateRequest("BYE");

        Assert.Equal("sip:p1.example.com", bye.RequestUri.ToString());
        Assert.Equal(
            ["<sip:p2.example.com;lr>", "<sip:alice@127.0.0.1:5070>"],
            bye.Headers.GetAll("Route"));
    }

    private static SipDialog UasDialog(string extraHeaders)
    {
        var text = SipTexts.Invite()
            .Replace("Max-Forwards: 70\r\n", "Max-Forwards: 70\r\n" + extraHeaders, StringComparison.Ordinal);
        var invite = Parse(text);
        return SipDialog.CreateUas(invite, invite.CreateResponse(200, toTag: "uas-tag"), s_remote);
    }

    private static SipRequest InDialog(string method, int cseq) =>
        Parse(SipTexts.Request(
            method,
            "sip:100@127.0.0.1",
            "z9hG4bKin" + cseq,
            "a84b4c76e66710@pc33.example.com",
            cseq,
            toTag: "uas-tag"));

    private static SipRequest Parse(string text)
    {
        Assert.True(SipParser.TryParse(Encoding.UTF8.GetBytes(text), out var message, out var error),
            error.Reason);
        return Assert.IsType<SipRequest>(message);
    }
}
