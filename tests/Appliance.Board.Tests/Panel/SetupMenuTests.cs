using Appliance.Board.Network;
using Appliance.Board.Panel;

namespace Appliance.Board.Tests.Panel;

[Trait("Category", "Integration")]
public sealed class SetupMenuTests : IDisposable
{
    private readonly PanelBench _bench = new();

    public SetupMenuTests() => _bench.Panel.Step();

    public void Dispose() => _bench.Dispose();

    [Fact]
    public void EnterOpensTheSetupMenuWithTheFirstItemMarked()
    {
        _bench.Tap(PanelButton.Enter);

        Assert.Equal("Setup|> Network|  Version|  Restart service", _bench.Screen);
    }

    [Fact]
    public void StaticAddressEnteredDigitByDigitIsWrittenAsANetworkdFileAndApplied()
    {
        _bench.Tap(PanelButton.Enter);
        _bench.Tap(PanelButton.Enter);
        _bench.Tap(PanelButton.Down);
        _bench.Tap(PanelButton.Enter);
        var start = _bench.Screen;

        // 192.168.001.100 -> 192.168.001.050: walk to the tenth digit, take one off, add five to the next.
        _bench.Tap(PanelButton.Enter, times: 9);
        _bench.Tap(PanelButton.Down);
        _bench.Tap(PanelButton.Enter);
        _bench.Tap(PanelButton.Up, times: 5);
        _bench.Tap(PanelButton.Enter, times: 2);
        var mask = _bench.Screen;
        _bench.Tap(PanelButton.Enter, times: 12);
        _bench.Tap(PanelButton.Enter, times: 12);
        _bench.Tap(PanelButton.Enter, times: 11);
        _bench.Tap(PanelButton.Up, times: 8);
        _bench.Tap(PanelButton.Enter);
        var confirm = _bench.Screen;
        _bench.Tap(PanelButton.Enter);

        Assert.Equal("Address|192.168.001.100|^|", start);
        Assert.Equal("Netmask|255.255.255.000|^|", mask);
        Assert.Equal("Apply static|192.168.1.50/24|ENTER=yes  BACK=no|", confirm);
        Assert.Equal(
            "# Written by SparkleCC (front panel or web page); changes here are replaced.\n"
            + "[Match]\nName=eth0\n\n[Network]\nAddress=192.168.1.50/24\nGateway=192.168.1.1\nDNS=192.168.1.9\n",
            File.ReadAllText(Path.Combine(_bench.NetworkDirectory, NetworkdFile.FileName)));
        Assert.Equal(["eth0"], _bench.Applied);
        Assert.StartsWith("Saved and applied|192.168.1.50/24", _bench.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public void ShowCurrentReadsTheFileAgainSoASaveFromTheWebPageIsShown()
    {
        _bench.Tap(PanelButton.Enter);
        _bench.Tap(PanelButton.Enter);
        NetworkdFile.Write(
            _bench.NetworkDirectory,
            "eth0",
            new NetworkSettings(
                Dhcp: false,
                System.Net.IPAddress.Parse("10.20.30.40"),
                16,
                System.Net.IPAddress.Parse("10.20.0.1"),
                [System.Net.IPAddress.Parse("10.20.0.2"), System.Net.IPAddress.Parse("10.20.0.3")]));

        _bench.Tap(PanelButton.Down, times: 2);
        _bench.Tap(PanelButton.Enter);

        Assert.Equal("Network|10.20.30.40/16|gw 10.20.0.1|dns 10.20.0.2", _bench.Screen);
    }

    [Fact]
    public void CaretFollowsTheDigitBeingEdited()
    {
        _bench.Tap(PanelButton.Enter);
        _bench.Tap(PanelButton.Enter);
        _bench.Tap(PanelButton.Down);
        _bench.Tap(PanelButton.Enter);

        _bench.Tap(PanelButton.Enter, times: 4);

        Assert.Equal("     ^", _bench.Lines[2].TrimEnd());
    }

    [Fact]
    public void AnOctetAbove255IsRefusedAndTheCaretGoesBackToIt()
    {
        _bench.Tap(PanelButton.Enter);
        _bench.Tap(PanelButton.Enter);
        _bench.Tap(PanelButton.Down);
        _bench.Tap(PanelButton.Enter);

        // 192 -> 992: the first digit down three times from 1 wraps to 8, then 9.
        _bench.Tap(PanelButton.Down, times: 2);
        _bench.Tap(PanelButton.Enter, times: 12);

        Assert.Equal("Address|992.168.001.100|^|Each part 0-255", _bench.Screen);
        Assert.Empty(_bench.Applied);
    }

    [Fact]
    public void DhcpChoiceWritesADhcpFile()
    {
        _bench.Tap(PanelButton.Enter);
        _bench.Tap(PanelButton.Enter);
        _bench.Tap(PanelButton.Enter);
        _bench.Tap(PanelButton.Enter);

        var file = File.ReadAllText(Path.Combine(_bench.NetworkDirectory, NetworkdFile.FileName));
        Assert.Contains("DHCP=yes\n", file, StringComparison.Ordinal);
        Assert.Equal(["eth0"], _bench.Applied);
    }

    [Fact]
    public void BackFromTheFirstDigitLeavesTheAddressUnchanged()
    {
        _bench.Tap(PanelButton.Enter);
        _bench.Tap(PanelButton.Enter);
        _bench.Tap(PanelButton.Down);
        _bench.Tap(PanelButton.Enter);

        _bench.Tap(PanelButton.Back);

        Assert.Equal("Network|  DHCP|> Static address|  Show current", _bench.Screen);
        Assert.False(File.Exists(Path.Combine(_bench.NetworkDirectory, NetworkdFile.FileName)));
    }

    [Fact]
    public void VersionScreenShowsVersionAndSerial()
    {
        _bench.Tap(PanelButton.Enter);
        _bench.Tap(PanelButton.Down);
        _bench.Tap(PanelButton.Enter);

        Assert.Equal("Version|1.2.3+abc|Serial|10000000cafe", _bench.Screen);
    }

    [Fact]
    public void OnAnABBoxTheVersionScreenGoesOnToTheOtherSlotAndBack()
    {
        _bench.Slots = new RootSlots("B", "A", "0.1.40-alpha", "good");
        _bench.Tap(PanelButton.Enter);
        _bench.Tap(PanelButton.Down);
        _bench.Tap(PanelButton.Enter);
        var version = _bench.Screen;

        _bench.Tap(PanelButton.Enter);
        var slots = _bench.Screen;
        _bench.Tap(PanelButton.Enter);

        Assert.Equal("Version (slot B)|1.2.3+abc|Serial|10000000cafe", version);
        Assert.Equal("Running slot B|Slot A: good|0.1.40-alpha|", slots);
        Assert.StartsWith("Setup|", _bench.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public void RebootRunsOnlyAfterConfirmation()
    {
        _bench.Tap(PanelButton.Enter);
        _bench.Tap(PanelButton.Down, times: 3);
        _bench.Tap(PanelButton.Enter);
        var asked = _bench.ActionsRun.ToList();

        _bench.Tap(PanelButton.Enter);

        Assert.Empty(asked);
        Assert.Equal([BoardAction.Reboot], _bench.ActionsRun);
        Assert.StartsWith("Rebooting", _bench.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public void RestartServiceRunsAfterConfirmation()
    {
        _bench.Tap(PanelButton.Enter);
        _bench.Tap(PanelButton.Down, times: 2);
        _bench.Tap(PanelButton.Enter);
        _bench.Tap(PanelButton.Enter);

        Assert.Equal([BoardAction.RestartService], _bench.ActionsRun);
    }

    [Fact]
    public void FactoryResetNeedsALongPressToOpenAndAnotherToConfirm()
    {
        _bench.Tap(PanelButton.Enter);
        _bench.Tap(PanelButton.Up);
        _bench.Tap(PanelButton.Enter);
        var afterShort = _bench.Screen;
        _bench.Tap(PanelButton.Back);

        _bench.Hold(PanelButton.Enter);
        var confirm = _bench.Screen;
        _bench.Tap(PanelButton.Enter);
        var beforeLong = _bench.ActionsRun.ToList();
        _bench.Hold(PanelButton.Enter);

        Assert.Equal("Factory reset:|hold ENTER on the|item to start|", afterShort);
        Assert.Equal("Erase all settings|and data?|HOLD ENTER=yes BACK|", confirm);
        Assert.Empty(beforeLong);
        Assert.Equal([BoardAction.FactoryReset], _bench.ActionsRun);
    }

    [Fact]
    public void BackOutOfTheMenuReturnsToTheStatus()
    {
        _bench.Tap(PanelButton.Enter);

        _bench.Tap(PanelButton.Back);

        Assert.False(_bench.Panel.MenuOpen);
        Assert.StartsWith("SparkleCC running", _bench.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public void AnIdleMenuClosesAfterTheTimeout()
    {
        _bench.Tap(PanelButton.Enter);

        _bench.Wait(TimeSpan.FromMinutes(3));

        Assert.False(_bench.Panel.MenuOpen);
    }

    [Fact]
    public void PressByNameWorksLikeTheButtonAndUnknownNamesAreRefused()
    {
        var pressed = _bench.Panel.Press("ENTER", longPress: false);
        var unknown = _bench.Panel.Press("left", longPress: false);
        var numeric = _bench.Panel.Press("1", longPress: false);

        Assert.True(pressed);
        Assert.False(unknown);
        Assert.False(numeric);
        Assert.Equal("Setup|> Network|  Version|  Restart service", _bench.Screen);
    }
}
