using System.Net;
using Appliance.Board.Network;

namespace Appliance.Board.Tests.Network;

public sealed class NetworkdFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("board-networkd-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void StaticSettingsReadBackAsWritten()
    {
        var settings = new NetworkSettings(
            Dhcp: false,
            IPAddress.Parse("10.1.2.3"),
            16,
            IPAddress.Parse("10.1.0.1"),
            Dns: []);

        NetworkdFile.Write(_folder, "eth0", settings);

        Assert.Equal(settings, NetworkdFile.TryRead(_folder));
    }

    [Fact]
    public void EveryDnsServerIsWrittenOnItsOwnLineAndReadBackInOrder()
    {
        var settings = new NetworkSettings(
            Dhcp: false,
            IPAddress.Parse("192.168.5.20"),
            24,
            IPAddress.Parse("192.168.5.1"),
            [IPAddress.Parse("192.168.5.1"), IPAddress.Parse("9.9.9.9")]);

        var path = NetworkdFile.Write(_folder, "eth0", settings);

        Assert.EndsWith("DNS=192.168.5.1\nDNS=9.9.9.9\n", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Equal(settings, NetworkdFile.TryRead(_folder));
    }

    [Fact]
    public void HostNameAndNtpServersReadBackAsWrittenAndNoServersRemovesTheDropIn()
    {
        HostNameFile.Write(_folder, "front-desk");
        var dropIn = TimesyncdDropIn.Write(_folder, ["pool.ntp.org", "192.168.5.1"]);
        var text = File.ReadAllText(dropIn);
        var servers = TimesyncdDropIn.Read(_folder);
        var hostFile = File.ReadAllText(Path.Combine(_folder, "hostname"));

        TimesyncdDropIn.Write(_folder, []);

        Assert.Equal(Path.Combine(_folder, "timesyncd.conf.d", "50-sparklecc.conf"), dropIn);
        Assert.EndsWith("[Time]\nNTP=pool.ntp.org 192.168.5.1\n", text, StringComparison.Ordinal);
        Assert.Equal(["pool.ntp.org", "192.168.5.1"], servers);
        Assert.Equal("front-desk\n", hostFile);
        Assert.Equal("front-desk", HostNameFile.TryRead(_folder));
        Assert.False(File.Exists(dropIn));
        Assert.Empty(TimesyncdDropIn.Read(_folder));
    }

    [Fact]
    public void AFileThatIsNotOursReadsAsNothing()
    {
        File.WriteAllText(Path.Combine(_folder, NetworkdFile.FileName), "[Network]\nAddress=banana\n");

        Assert.Null(NetworkdFile.TryRead(_folder));
    }

    [Theory]
    [InlineData("255.255.255.0", true, 24)]
    [InlineData("255.255.0.0", true, 16)]
    [InlineData("255.0.255.0", false, 16)]
    [InlineData("0.0.0.0", true, 0)]
    public void NetmaskBecomesAPrefixOnlyWhenItsOnesAreContiguous(string mask, bool valid, int prefix)
    {
        var ok = NetworkdFile.TryPrefixLength(IPAddress.Parse(mask), out var length);

        Assert.Equal(valid, ok);
        Assert.Equal(prefix, length);
    }
}
