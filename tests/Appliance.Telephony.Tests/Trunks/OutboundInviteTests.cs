using System.Net;
using System.Text;
using Appliance.Telephony.Campaigns;
using Appliance.Telephony.Trunks;

namespace Appliance.Telephony.Tests.Trunks;

public sealed class OutboundInviteTests
{
    private static readonly IPEndPoint s_carrier = IPEndPoint.Parse("192.0.2.10:5070");
    private static readonly IPEndPoint s_china = IPEndPoint.Parse("192.0.2.86:5060");

    [Fact]
    public void TheInviteAddressesTheNumberAtTheTrunkAndPresentsTheCallerId()
    {
        var invite = OutboundInvite.Build(
            "+8613800138000",
            s_carrier,
            "5551234",
            "abc@box",
            "198.51.100.1",
            "<sip:198.51.100.1:5060>",
            "v=0\r\n",
            "INVITE, ACK, BYE, CANCEL");

        Assert.Equal("sip:+8613800138000@192.0.2.10:5070", invite.RequestUri.ToString());
        Assert.StartsWith("<sip:5551234@198.51.100.1>;tag=", invite.Headers["From"], StringComparison.Ordinal);
        Assert.Equal("<sip:+8613800138000@192.0.2.10>", invite.Headers["To"]);
        Assert.Equal("<sip:5551234@198.51.100.1>", invite.Headers["P-Asserted-Identity"]);
        Assert.Equal("abc@box", invite.CallId);
        Assert.Equal("v=0\r\n", Encoding.UTF8.GetString(invite.Body.Span));
    }

    [Theory]
    [InlineData(486, false, OutboundCause.Busy)]
    [InlineData(600, false, OutboundCause.Busy)]
    [InlineData(480, false, OutboundCause.NoAnswer)]
    [InlineData(603, false, OutboundCause.NoAnswer)]
    [InlineData(487, true, OutboundCause.NoAnswer)]
    [InlineData(408, true, OutboundCause.NoAnswer)]
    [InlineData(408, false, OutboundCause.Unavailable)]
    [InlineData(503, false, OutboundCause.Unavailable)]
    [InlineData(500, true, OutboundCause.Unavailable)]
    [InlineData(404, false, OutboundCause.Rejected)]
    [InlineData(487, false, OutboundCause.Rejected)]
    public void AFinalStatusReadsAsItsCause(int status, bool ringLimitReached, OutboundCause cause)
    {
        var read = OutboundInvite.CauseOf(status, ringLimitReached);

        Assert.Equal(cause, read);
    }

    [Theory]
    [InlineData(503, false, true)]
    [InlineData(500, false, true)]
    [InlineData(408, false, true)]
    [InlineData(0, false, true)]
    [InlineData(503, true, false)]
    [InlineData(486, false, false)]
    [InlineData(600, false, false)]
    [InlineData(404, false, false)]
    [InlineData(484, false, false)]
    [InlineData(603, false, false)]
    [InlineData(487, false, false)]
    [InlineData(403, false, false)]
    public void OnlyARouteFailureBeforeTheNumberRangGoesOnToTheNextRoute(int status, bool rang, bool failsOver)
    {
        var response = status == 0 ? null : new Appliance.Sip.Messages.SipResponse(status, "Reason");

        var next = OutboundInvite.FailsOver(response, rang);

        Assert.Equal(failsOver, next);
    }

    [Fact]
    public void TheInviteForTheNextRouteKeepsTheCallAndAddressesTheNewRoute()
    {
        var first = OutboundInvite.Build(
            "+8613800138000",
            s_carrier,
            "5551234",
            "abc@box",
            "198.51.100.1",
            "<sip:198.51.100.1:5060>",
            "v=0\r\n",
            "INVITE, ACK, BYE, CANCEL");
        first.Headers.Insert(0, "Via", "SIP/2.0/UDP 198.51.100.1:5060;branch=z9hG4bKfirst");

        var next = OutboundInvite.Retarget(first, s_china, 2);

        Assert.Equal("sip:+8613800138000@192.0.2.86:5060", next.RequestUri.ToString());
        Assert.Equal("<sip:+8613800138000@192.0.2.86>", next.Headers["To"]);
        Assert.Equal("2 INVITE", next.Headers["CSeq"]);
        Assert.Null(next.Headers["Via"]);
        Assert.Equal(
            (first.CallId, first.Headers["From"], first.Headers["P-Asserted-Identity"]),
            (next.CallId, next.Headers["From"], next.Headers["P-Asserted-Identity"]));
        Assert.Equal("v=0\r\n", Encoding.UTF8.GetString(next.Body.Span));
    }

    [Fact]
    public void TheLongestPrefixPicksTheDestinationAndOtherNumbersTakeTheDefault()
    {
        var routes = Routes(callerId: null);

        var china = routes.DestinationFor("+8613800138000");
        var other = routes.DestinationFor("5551234");

        Assert.Equal(s_china, china);
        Assert.Equal(s_carrier, other);
    }

    [Theory]
    [InlineData(null, "5551234", "5551234")]
    [InlineData(null, "anonymous", "anonymous")]
    [InlineData(null, null, "anonymous")]
    [InlineData("+861088880000", "5551234", "+861088880000")]
    public void TheCallerIdIsTheBoxsWhenSetAndTheCallersOtherwise(
        string? boxId,
        string? caller,
        string presented)
    {
        var routes = Routes(boxId);

        var callerId = routes.CallerIdFor(caller);

        Assert.Equal(presented, callerId);
    }

    [Theory]
    [InlineData("5551234", true)]
    [InlineData("+8613800138000", true)]
    [InlineData("", false)]
    [InlineData("+", false)]
    [InlineData("555-1234", false)]
    [InlineData("sip:1001@example.com", false)]
    [InlineData("123456789012345678901", false)]
    public void OnlyDigitsWithAnOptionalPlusCanBeDialled(string number, bool dialable)
    {
        var verdict = ExternalRoutes.IsDialable(number);

        Assert.Equal(dialable, verdict);
    }

    private static ExternalRoutes Routes(string? callerId) => new(
        new SipTrunk(
            "external",
            s_carrier,
            new Dictionary<string, IPEndPoint> { ["+86"] = s_china, ["+8"] = s_carrier }),
        callerId,
        TimeSpan.FromSeconds(30));
}
