using System.Net;
using Appliance.Telephony.DialPlan;

namespace Appliance.Telephony.Tests.DialPlan;

public sealed class TrunkAclTests
{
    private static readonly TrunkAcl s_acl = new([("loopback", IPAddress.Loopback)]);

    [Fact]
    public void LoopbackSourceMatchesTheLoopbackTrunk()
    {
        var matched = s_acl.TryMatch(IPAddress.Parse("127.0.0.1"), out var trunk);

        Assert.True(matched);
        Assert.Equal("loopback", trunk);
    }

    [Fact]
    public void IPv4MappedSourceMatchesLikeItsIPv4Address()
    {
        var matched = s_acl.TryMatch(IPAddress.Parse("::ffff:127.0.0.1"), out var trunk);

        Assert.True(matched);
        Assert.Equal("loopback", trunk);
    }

    [Fact]
    public void OtherSourceMatchesNoTrunk()
    {
        var matched = s_acl.TryMatch(IPAddress.Parse("192.0.2.7"), out var trunk);

        Assert.False(matched);
        Assert.Null(trunk);
    }
}
