namespace Appliance.Board.Profiles;

/// <summary>
/// What one kind of box has on its front panel and where it is wired, read from a JSON file so a
/// new carrier board needs no code.
/// </summary>
public sealed record BoardProfile
{
    /// <summary>The name a setting chooses it by, such as <c>cm4-carrier</c>.</summary>
    public required string Name { get; init; }

    public required string Description { get; init; }

    /// <summary>Prefixes of the device tree model string that identify this board.</summary>
    public required IReadOnlyList<string> Models { get; init; }

    /// <summary>The LCD, or null when the box has none (the panel is then off).</summary>
    public required LcdWiring? Lcd { get; init; }

    /// <summary>The gpiochip the buttons and LEDs are on.</summary>
    public required int GpioChip { get; init; }

    /// <summary>Button name (up, down, enter, back) to GPIO line.</summary>
    public required IReadOnlyDictionary<string, int> Buttons { get; init; }

    /// <summary>True when a pressed button pulls its line to ground against a pull-up.</summary>
    public required bool ButtonsActiveLow { get; init; }

    /// <summary>LED name (run, alarm, network, calls) to GPIO line, lit when driven high.</summary>
    public required IReadOnlyDictionary<string, int> Leds { get; init; }

    /// <summary>The watchdog device node, or null when the board has none.</summary>
    public required string? Watchdog { get; init; }

    /// <summary>The interface the network menu configures; a networkd match pattern.</summary>
    public required string NetworkInterface { get; init; }

    /// <summary>Where networkd files are written; null means a folder under the data folder.</summary>
    public required string? NetworkDirectory { get; init; }

    /// <summary>Whether the board is emulated in memory (the virtual board).</summary>
    public bool IsVirtual => string.Equals(Name, BoardProfiles.VirtualName, StringComparison.Ordinal);
}
