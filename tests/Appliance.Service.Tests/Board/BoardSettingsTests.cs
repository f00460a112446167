using Appliance.Service.Board;
using Appliance.Service.Configuration;
using Microsoft.Extensions.Configuration;

namespace Appliance.Service.Tests.Board;

public sealed class BoardSettingsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("board-settings-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static BoardSettings Load(params (string Key, string Value)[] values)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
        return BoardSettings.Load(configuration, ApplianceSettings.Load(configuration));
    }

    [Fact]
    public void TheDemoRunsOnTheVirtualBoardWithNetworkFilesUnderTheDataFolder()
    {
        var board = Load(("Appliance:DataDirectory", _folder));

        Assert.Equal("virtual", board.Profile.Name);
        Assert.Equal(Path.Combine(_folder, "board", "network"), board.NetworkDirectory);
        Assert.Null(board.WatchdogDevice);
        Assert.False(board.Terminal);
    }

    [Fact]
    public void ProductionFindsTheCarrierFromTheDeviceTreeModel()
    {
        var model = Path.Combine(_folder, "model");
        File.WriteAllText(model, "Raspberry Pi Compute Module 4 Rev 1.0\0");

        var board = Load(("Appliance:Profile", "production"), ("Board:DeviceTreeModel", model));

        Assert.Equal("cm4-carrier", board.Profile.Name);
        Assert.Equal("/dev/watchdog", board.WatchdogDevice);
        Assert.Equal("/etc/systemd/network", board.NetworkDirectory);
    }

    [Fact]
    public void WatchdogNoneTurnsTheWatchdogOff()
    {
        var board = Load(("Board:Profile", "cm4-carrier"), ("Board:Watchdog", "none"));

        Assert.Null(board.WatchdogDevice);
    }

    [Fact]
    public void AnUnknownBoardIsRefusedNamingTheKey()
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(("Board:Profile", "beaglebone")));

        Assert.Contains("Board:Profile", error.Message, StringComparison.Ordinal);
        Assert.Contains("cm4-carrier", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATerminalSettingThatIsNotABooleanIsRefused()
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(("Board:Terminal", "sometimes")));

        Assert.Contains("Board:Terminal", error.Message, StringComparison.Ordinal);
    }
}
