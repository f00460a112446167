using Appliance.Board.Profiles;
using Appliance.Service.Configuration;
using Microsoft.Extensions.Configuration;

namespace Appliance.Service.Board;

/// <summary>
/// The <c>Board:</c> settings: which board profile, where network files go, which watchdog and
/// how often it is fed, and whether the panel is drawn in the terminal.
/// </summary>
internal sealed class BoardSettings
{
    public required BoardProfile Profile { get; init; }

    /// <summary>Absolute path of the folder the network menu writes its networkd file to.</summary>
    public required string NetworkDirectory { get; init; }

    /// <summary>The watchdog node, or null for none.</summary>
    public required string? WatchdogDevice { get; init; }

    public required TimeSpan WatchdogInterval { get; init; }

    /// <summary>Draw the panel in the terminal and take button presses from the keyboard.</summary>
    public required bool Terminal { get; init; }

    /// <summary>Reads and checks the board settings.</summary>
    /// <exception cref="ConfigurationException">A value is invalid; the key is named.</exception>
    /// <summary>Every key this class reads, for the unknown-key warning.</summary>
    public static IReadOnlyList<string> Keys { get; } =
    [
        "Board:Profile",
        "Board:DeviceTreeModel",
        "Board:NetworkDirectory",
        "Board:Watchdog",
        "Board:WatchdogInterval",
        "Board:Terminal",
    ];

    public static BoardSettings Load(IConfiguration configuration, ApplianceSettings settings)
    {
        var read = new ConfigurationReader(configuration);

        // The demo runs on the virtual board so a laptop shows the panel; a box at a customer
        // finds its board from the device tree.
        var fallback = settings.Profile == ApplianceProfile.Demo ? BoardProfiles.VirtualName : BoardProfiles.Auto;
        var name = read.String("Board:Profile", fallback);
        var model = read.String("Board:DeviceTreeModel", BoardProfiles.DeviceTreeModelPath);
        BoardProfile profile;
        try
        {
            profile = BoardProfiles.Choose(name, model);
        }
        catch (ArgumentException ex)
        {
            throw new ConfigurationException("Board:Profile", ex.Message.Split(" (Parameter", 2)[0]);
        }

        var network = read.String(
            "Board:NetworkDirectory",
            profile.NetworkDirectory ?? Path.Combine(settings.DataDirectory, "board", "network"));
        var watchdog = read.String("Board:Watchdog", profile.Watchdog ?? "none");
        var terminal = configuration["Board:Terminal"];
        if (terminal is not null && !bool.TryParse(terminal, out _))
        {
            throw new ConfigurationException("Board:Terminal", $"'{terminal}' is not true or false");
        }

        return new BoardSettings
        {
            Profile = profile,
            NetworkDirectory = Path.GetFullPath(network),
            WatchdogDevice = string.Equals(watchdog, "none", StringComparison.OrdinalIgnoreCase) ? null : watchdog,
            WatchdogInterval = read.Duration(
                "Board:WatchdogInterval",
                TimeSpan.FromSeconds(10),
                TimeSpan.FromSeconds(1),
                TimeSpan.FromMinutes(5)),
            Terminal = terminal is not null && bool.Parse(terminal),
        };
    }
}
