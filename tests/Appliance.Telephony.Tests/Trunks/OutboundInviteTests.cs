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
