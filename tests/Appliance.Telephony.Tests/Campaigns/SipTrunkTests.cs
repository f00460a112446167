using System.Net;
using Appliance.Telephony.Campaigns;

namespace Appliance.Telephony.Tests.Campaigns;

public sealed class SipTrunkTests
{
    private static readonly IPEndPoint s_carrier = IPEndPoint.Parse("192.0.2.1:5060");
    private static readonly IPEndPoint s_uk = IPEndPoint.Parse("192.0.2.44:5060");
    private static readonly IPEndPoint s_london = IPEndPoint.Parse("192.0.2.20:5080");

    private static SipTrunk Trunk() => new(
        "carrier",
        s_carrier,
        new Dictionary<string, IPEndPoint> { ["+44"] = s_uk, ["+4420"] = s_london });

    [Theory]
    [InlineData("+442071234567", "192.0.2.20:5080")]
    [InlineData("+441614960000", "192.0.2.44:5060")]
    [InlineData("+12125550100", "192.0.2.1:5060")]
    public void NumberGoesToTheLongestMatchingPrefixOrTheDefault(string number, string expected)
    {
        var trunk = Trunk();

        var destination = trunk.DestinationFor(number);

        Assert.Equal(IPEndPoint.Parse(expected), destination);
    }

    [Fact]
    public void TrunkWithoutRoutesSendsEveryNumberToItsDestination()
    {
        var trunk = new SipTrunk("carrier", s_carrier, new Dictionary<string, IPEndPoint>());

        var destination = trunk.DestinationFor("+442071234567");

        Assert.Equal(s_carrier, destination);
    }

    [Fact]
    public void APrefixWithSeveralDestinationsKeepsTheirFailoverOrder()
    {
        var trunk = new SipTrunk(
            "carrier",
            [s_carrier],
            new Dictionary<string, IReadOnlyList<IPEndPoint>> { ["+44"] = [s_london, s_uk] });

        var uk = trunk.DestinationsFor("+442071234567");
        var other = trunk.DestinationsFor("+12125550100");

        Assert.Equal([s_london, s_uk], uk);
        Assert.Equal([s_carrier], other);
    }
}
