using System.Net;
using Appliance.Web.Api;
using Appliance.Web.Network;

namespace Appliance.Web.Tests.Network;

public sealed class NetworkCheckTests
{
    private static readonly NetworkRequest s_valid = new(
        "static", "192.168.1.50", "255.255.255.0", "192.168.1.1", "192.168.1.1, 1.1.1.1", "front-desk",
        "pool.ntp.org 192.168.1.1", ConfirmMove: null);

    [Fact]
    public void AValidStaticFormBecomesItsSettings()
    {
        var errors = new FieldErrors();

        var checkedForm = NetworkCheck.Check(s_valid, errors);

        Assert.False(errors.Any, errors.Summary);
        Assert.Equal(
            new NetworkConfiguration(
                Dhcp: false,
                IPAddress.Parse("192.168.1.50"),
                24,
                IPAddress.Parse("192.168.1.1"),
                checkedForm!.Dns,
                "front-desk",
                checkedForm.NtpServers),
            checkedForm);
        Assert.Equal([IPAddress.Parse("192.168.1.1"), IPAddress.Parse("1.1.1.1")], checkedForm.Dns);
        Assert.Equal(["pool.ntp.org", "192.168.1.1"], checkedForm.NtpServers);
    }

    [Fact]
    public void DhcpIgnoresTheAddressFields()
    {
        var errors = new FieldErrors();

        var result = NetworkCheck.Check(s_valid with { Mode = "dhcp", Address = "banana", Dns = "" }, errors);

        Assert.False(errors.Any, errors.Summary);
        Assert.True(result!.Dhcp);
        Assert.Null(result.Address);
        Assert.Empty(result.Dns);
    }

    [Theory]
    [InlineData("address", "192.168.1.300", "'192.168.1.300' has 300 in part 4; each part is 0 to 255")]
    [InlineData("address", "192.168.1", "'192.168.1' is not an IPv4 address")]
    [InlineData("address", "0x0A.1.2.3", "'0x0A.1.2.3' is not an IPv4 address")]
    [InlineData("address", "127.0.0.5", "is not a host address")]
    [InlineData("address", "192.168.1.255", "192.168.1.255 is the network or broadcast address of 192.168.1.0/24")]
    [InlineData("address", "", "is required")]
    [InlineData("netmask", "255.0.255.0", "'255.0.255.0' is not a netmask: its one bits are not contiguous")]
    [InlineData("netmask", "/31", "/31 is outside /8 to /30")]
    [InlineData("netmask", "255.255.255.256", "has 256 in part 4")]
    [InlineData("gateway", "10.0.0.1", "10.0.0.1 is outside the subnet 192.168.1.0/24 of the address")]
    [InlineData("gateway", "192.168.1.50", "is the box's own address")]
    [InlineData("dns", "", "needs at least one DNS server with a static address")]
    [InlineData("dns", "8.8.8.8 dns.example", "'dns.example' is not an IPv4 address")]
    [InlineData("dns", "1.1.1.1 2.2.2.2 3.3.3.3 4.4.4.4", "has 4 servers; at most 3 are asked")]
    [InlineData("hostName", "front_desk", "holds '_'")]
    [InlineData("hostName", "-desk", "starts or ends with a hyphen")]
    [InlineData("hostName", "desk..one", "has a part of 0 characters")]
    [InlineData("hostName", "10.1.2.3", "is all digits")]
    [InlineData("hostName", "", "is required")]
    [InlineData("ntp", "pool.ntp.org time_server", "'time_server' is neither a host name (RFC 1123) nor an IP address")]
    [InlineData("ntp", "300.1.1.1", "'300.1.1.1' is neither a host name")]
    [InlineData("mode", "auto", "must be dhcp or static")]
    public void ABadFieldIsRefusedByName(string field, string value, string message)
    {
        var form = field switch
        {
            "address" => s_valid with { Address = value },
            "netmask" => s_valid with { Netmask = value },
            "gateway" => s_valid with { Gateway = value },
            "dns" => s_valid with { Dns = value },
            "hostName" => s_valid with { HostName = value },
            "ntp" => s_valid with { Ntp = value },
            _ => s_valid with { Mode = value },
        };
        var errors = new FieldErrors();

        var result = NetworkCheck.Check(form, errors);

        Assert.Null(result);
        Assert.Equal(field, errors.FirstField);
        Assert.Contains(message, errors.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("24", 24)]
    [InlineData("/16", 16)]
    [InlineData("255.255.240.0", 20)]
    public void TheNetmaskIsTakenDottedOrAsAPrefix(string netmask, int prefix)
    {
        var errors = new FieldErrors();

        var result = NetworkCheck.Check(s_valid with { Netmask = netmask, Gateway = "", }, errors);

        Assert.False(errors.Any, errors.Summary);
        Assert.Equal(prefix, result!.PrefixLength);
    }

    [Fact]
    public void AHostNameHasPartsOfAtMost63AndAtMost64CharactersInAll()
    {
        var part = new string('a', 63);

        Assert.Null(NetworkCheck.HostNameProblem(part, 64));
        Assert.Contains("a part of 64", NetworkCheck.HostNameProblem(part + "a", 64), StringComparison.Ordinal);
        Assert.Contains("longer than 64", NetworkCheck.HostNameProblem(part + ".ab", 64), StringComparison.Ordinal);
    }
}
