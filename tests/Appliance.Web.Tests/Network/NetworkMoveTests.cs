using System.Net;
using Appliance.Web.Network;

namespace Appliance.Web.Tests.Network;

public sealed class NetworkMoveTests
{
    private static readonly NetworkConfiguration s_static = new(
        Dhcp: false,
        IPAddress.Parse("192.168.1.50"),
        24,
        IPAddress.Parse("192.168.1.1"),
        [IPAddress.Parse("192.168.1.1")],
        "box",
        []);

    private static readonly NetworkConfiguration s_dhcp = s_static with { Dhcp = true, Address = null };

    [Fact]
    public void ANewStaticAddressMovesThePageThereFromTheOldOne()
    {
        var where = NetworkMove.Where(
            IPAddress.Parse("192.168.1.50"), 8443, s_static, s_static with { Address = IPAddress.Parse("10.0.0.7") });

        Assert.Equal("https://10.0.0.7:8443/network", where);
    }

    [Fact]
    public void DhcpAfterTheStaticAddressThePageIsOpenOnMovesItToWhateverDhcpGives()
    {
        var where = NetworkMove.Where(IPAddress.Parse("::ffff:192.168.1.50"), 8443, s_static, s_dhcp);

        Assert.StartsWith("the address the DHCP server gives", where, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePageStaysWhenOpenOnLoopbackOrOnTheAddressBeingKept()
    {
        Assert.Null(NetworkMove.Where(IPAddress.Loopback, 8443, s_dhcp, s_static));
        Assert.Null(NetworkMove.Where(IPAddress.Parse("192.168.1.50"), 8443, s_dhcp, s_static));
        Assert.Null(NetworkMove.Where(IPAddress.Parse("10.9.9.9"), 8443, s_dhcp, s_dhcp));
    }
}
