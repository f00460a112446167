using System.Net;
using Appliance.Board.Network;
using Appliance.Board.Panel;
using Serilog;

namespace Appliance.Board.Menu;

/// <summary>
/// The menu tree behind the Enter button: network (DHCP or a static address, mask, gateway and
/// DNS entered digit by digit), version and serial, restart service, reboot, factory reset.
/// </summary>
/// <remarks>The text is English only: the HD44780's A00 character ROM has Latin letters and
/// half-width katakana but no Chinese characters, and eight custom glyphs cannot spell a
/// menu.</remarks>
internal sealed class SetupMenu
{
    private readonly SetupMenuOptions _options;
    private readonly ILogger _log;
    private readonly MenuList _main;

    public SetupMenu(SetupMenuOptions options, ILogger log)
    {
        _options = options;
        _log = log;
        _main = new MenuList(
            "Setup",
            [
                new MenuItem("Network", _ => NetworkMenu()),
                new MenuItem("Version", _ => VersionScreen()),
                new MenuItem("Restart service", _ => Confirm(["Restart service?"], BoardAction.RestartService)),
                new MenuItem("Reboot", _ => Confirm(["Reboot the box?"], BoardAction.Reboot)),
                new MenuItem("Factory reset", FactoryReset),
            ],
            () => null,
            options.Rows);
    }

    /// <summary>The first screen when the menu opens.</summary>
    public IMenuScreen Main => _main;

    private MenuList NetworkMenu()
    {
        MenuList? menu = null;
        menu = new MenuList(
            "Network",
            [
                new MenuItem("DHCP", _ => new ConfirmScreen(
                    ["Use DHCP on", _options.NetworkInterface],
                    longPress: false,
                    () => Apply(NetworkSettings.FromDhcp, menu!),
                    () => menu)),
                new MenuItem("Static address", _ => StaticAddress(menu!)),
                new MenuItem("Show current", _ => new MessageScreen(Describe(Current()), () => menu)),
            ],
            () => _main,
            _options.Rows);
        return menu;
    }

    private AddressEntryScreen StaticAddress(IMenuScreen back)
    {
        var saved = Current();
        var current = saved.Dhcp ? null : saved;
        var address = current?.Address ?? IPAddress.Parse("192.168.1.100");
        var mask = MaskOf(current?.PrefixLength ?? 24);
        var gateway = current?.Gateway ?? IPAddress.Parse("192.168.1.1");
        var dns = current is { Dns.Count: > 0 } ? current.Dns[0] : gateway;
        var moreDns = current?.Dns.Skip(1).ToList() ?? [];

        return new AddressEntryScreen("Address", address, CheckHost, a =>
            new AddressEntryScreen("Netmask", mask, CheckMask, m =>
                new AddressEntryScreen("Gateway", gateway, _ => null, g =>
                    new AddressEntryScreen("DNS", dns, _ => null, d =>
                    {
                        NetworkdFile.TryPrefixLength(m, out var prefix);
                        var chosen = new NetworkSettings(
                            Dhcp: false,
                            a,
                            prefix,
                            g.Equals(IPAddress.Any) ? null : g,
                            d.Equals(IPAddress.Any) ? moreDns : [d, .. moreDns]);
                        return new ConfirmScreen(
                            ["Apply static", $"{a}/{prefix}"],
                            longPress: false,
                            () => Apply(chosen, back),
                            () => back);
                    }, () => back), () => back), () => back), () => back);
    }

    private static string? CheckHost(IPAddress address)
    {
        var first = address.GetAddressBytes()[0];
        return first is 0 or 127 or >= 224 ? "Not a host address" : null;
    }

    private static string? CheckMask(IPAddress mask) =>
        NetworkdFile.TryPrefixLength(mask, out var prefix) && prefix is >= 8 and <= 30
            ? null
            : "Not a netmask";

    private static IPAddress MaskOf(int prefixLength)
    {
        var bits = prefixLength == 0 ? 0u : uint.MaxValue << (32 - prefixLength);
        return new IPAddress([(byte)(bits >> 24), (byte)(bits >> 16), (byte)(bits >> 8), (byte)bits]);
    }

    private MessageScreen Apply(NetworkSettings settings, IMenuScreen back)
    {
        string path;
        try
        {
            path = NetworkdFile.Write(_options.NetworkDirectory, _options.NetworkInterface, settings);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _log.Error(ex, "Network settings from the front panel could not be saved in {NetworkDirectory}",
                _options.NetworkDirectory);
            return new MessageScreen(["Not saved:", "cannot write the", "network folder"], () => back);
        }

        _log.Information(
            "Front panel set {NetworkInterface} to {NetworkMode} {Address}/{PrefixLength} in {NetworkFile}",
            _options.NetworkInterface,
            settings.Dhcp ? "DHCP" : "static",
            settings.Address,
            settings.PrefixLength,
            path);
        _options.Network.Apply(_options.NetworkInterface);
        return new MessageScreen(["Saved and applied", .. Describe(settings).Skip(1)], () => back);
    }

    /// <summary>What the file holds now: the web page writes it too, so it is read each time.</summary>
    private NetworkSettings Current() =>
        NetworkdFile.TryRead(_options.NetworkDirectory) ?? NetworkSettings.FromDhcp;

    private static List<string> Describe(NetworkSettings settings) => settings.Dhcp
        ? ["Network", "DHCP"]
        :
        [
            "Network",
            $"{settings.Address}/{settings.PrefixLength}",
            $"gw {settings.Gateway}",
            settings.Dns.Count > 0 ? $"dns {settings.Dns[0]}" : "dns none",
        ];

    /// <summary>The version and serial; on an A/B box any button then shows the slots, since a
    /// 4-line display has no room for both.</summary>
    private MessageScreen VersionScreen()
    {
        var slots = _options.Slots?.Invoke();
        if (slots is null)
        {
            return new MessageScreen(["Version", _options.Version, "Serial", _options.Serial], () => _main);
        }

        var other = new MessageScreen(
            [
                $"Running slot {slots.Booted}",
                $"Slot {slots.Other}: {slots.OtherHealth}",
                slots.OtherVersion ?? "(empty)",
                string.Empty,
            ],
            () => _main);
        return new MessageScreen(
            [$"Version (slot {slots.Booted})", _options.Version, "Serial", _options.Serial],
            () => other);
    }

    private ConfirmScreen Confirm(IReadOnlyList<string> question, BoardAction action) =>
        new(question, longPress: false, () => Run(action), () => _main);

    private IMenuScreen FactoryReset(ButtonPress press)
    {
        if (!press.Long)
        {
            return new MessageScreen(["Factory reset:", "hold ENTER on the", "item to start"], () => _main);
        }

        return new ConfirmScreen(
            ["Erase all settings", "and data?"],
            longPress: true,
            () => Run(BoardAction.FactoryReset),
            () => _main);
    }

    private MessageScreen Run(BoardAction action)
    {
        _log.Warning("Front panel asked for {BoardAction}", action);
        _options.Actions.Run(action);
        var text = action switch
        {
            BoardAction.RestartService => "Restarting service",
            BoardAction.Reboot => "Rebooting",
            _ => "Resetting",
        };
        return new MessageScreen([text, "please wait"], () => _main);
    }
}
