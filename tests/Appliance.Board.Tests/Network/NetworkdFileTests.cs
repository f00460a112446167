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
            Dns: null);

        NetworkdFile.Write(_folder, "eth0", settings);

        Assert.Equal(settings, NetworkdFile.TryRead(_folder));
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
