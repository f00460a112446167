using System.Net;
using System.Text;
using Appliance.Sip.Dialogs;
using Appliance.Sip.Messages;
using Appliance.Sip.Tests.Support;
using Appliance.Sip.Transfer;

namespace Appliance.Sip.Tests.Transfer;

public sealed class SipReferTargetTests
{
    [Fact]
    public void BlindReferToNamesTheExtensionWithoutReplaces()
    {
        var refer = Refer("Refer-To: <sip:1002@box.example.com>\r\n");

        var read = SipReferTarget.TryRead(refer, out var target, out _);

        Assert.True(read);
        Assert.Equal("1002", target!.Uri.User);
        Assert.Null(target.Replaces);
    }

    [Fact]
    public void EscapedReplacesInReferToIsDecodedIntoCallIdAndTags()
    {
        // RFC 5589 §7.1: the consultation's Call-ID, the target's tag and the transferor's.
        var refer = Refer(
            "Refer-To: <sip:1002@box.example.com?Replaces=090459243588173445%40a.example%3Bto-tag%3D31431"
            + "%3Bfrom-tag%3D7553452>\r\n");

        var read = SipReferTarget.TryRead(refer, out var target, out _);

        Assert.True(read);
        Assert.Equal(new SipReplaces("090459243588173445@a.example", "31431", "7553452", false), target!.Replaces);
    }

    [Theory]
    [InlineData("", "no Refer-To")]
    [InlineData("Refer-To: <sip:1002@a>\r\nRefer-To: <sip:1003@a>\r\n", "more than one Refer-To")]
    [InlineData("Refer-To: <tel:+15551234>\r\n", "Refer-To is not a SIP URI")]
    [InlineData("Refer-To: <sip:1002@a?Replaces=abc%3Bto-tag%3D1>\r\n", "Replaces in Refer-To cannot be read")]
    public void ReferWithoutExactlyOneUsableReferToIsRefusedWithTheReason(string headers, string reason)
    {
        var refer = Refer(headers);

        var read = SipReferTarget.TryRead(refer, out _, out var why);

        Assert.False(read);
        Assert.Equal(reason, why);
    }

    [Theory]
    [InlineData("abc@h;to-tag=1;from-tag=2;early-only", true)]
    [InlineData("abc@h;From-Tag=2;TO-TAG=1", false)]
    public void ReplacesReadsTagsInAnyOrderAndCase(string text, bool earlyOnly)
    {
        var read = SipReplaces.TryParse(text, out var replaces);

        Assert.True(read);
        Assert.Equal(new SipReplaces("abc@h", "1", "2", earlyOnly), replaces);
    }

    [Theory]
    [InlineData("")]
    [InlineData(";to-tag=1;from-tag=2")]
    [InlineData("abc;to-tag=1")]
    [InlineData("abc;to-tag=1;to-tag=3;from-tag=2")]
    [InlineData("abc;to-tag=;from-tag=2")]
    public void ReplacesWithoutCallIdOrBothTagsIsRefused(string text)
    {
        Assert.False(SipReplaces.TryParse(text, out _));
    }

    [Fact]
    public void NotifiesCarryTheSipfragAndEndTheSubscriptionOnAFinalStatus()
    {
        var dialog = Dialog();

        var trying = SipReferNotify.Create(dialog, 100, "Trying");
        var ok = SipReferNotify.Create(dialog, 200, "OK");

        Assert.Equal("refer", trying.Headers["Event"]);
        Assert.Equal("message/sipfrag;version=2.0", trying.ContentType);
        Assert.Equal("active;expires=60", trying.Headers["Subscription-State"]);
        Assert.Equal("SIP/2.0 100 Trying\r\n", Encoding.UTF8.GetString(trying.Body.Span));
        Assert.Equal("terminated;reason=noresource", ok.Headers["Subscription-State"]);
        Assert.Equal("SIP/2.0 200 OK\r\n", Encoding.UTF8.GetString(ok.Body.Span));
        Assert.Equal(trying.CSeq!.Value.Number + 1, ok.CSeq!.Value.Number);
        Assert.Equal("NOTIFY", ok.CSeq.Value.Method);
    }

    private static SipRequest Refer(string headers)
    {
        var text = SipTexts.Request(
            "REFER", "sip:box@127.0.0.1", "z9hG4bKrefer", "refer@pc33", 2, toTag: "box", extraHeaders: headers);
        Assert.True(SipParser.TryParse(Encoding.UTF8.GetBytes(text), out var message, out var error), error.Reason);
        return Assert.IsType<SipRequest>(message);
    }

    private static SipDialog Dialog()
    {
        Assert.True(SipParser.TryParse(Encoding.UTF8.GetBytes(SipTexts.Invite()), out var message, out var error),
            error.Reason);
        var invite = Assert.IsType<SipRequest>(message);
        var ok = invite.CreateResponse(200, toTag: "box");
        return SipDialog.CreateUas(invite, ok, new IPEndPoint(IPAddress.Loopback, 5070));
    }
}
