using System.Device.Gpio;
using System.Device.I2c;
using Appliance.Board.Network;
using Appliance.Board.Profiles;
using Serilog;

namespace Appliance.Board.Panel;

/// <summary>What a <see cref="FrontPanel"/> is built from.</summary>
public sealed record FrontPanelOptions
{
    public required BoardProfile Profile { get; init; }

    public required IPanelStatus Status { get; init; }

    public required IBoardActions Actions { get; init; }

    public required INetworkApplier Network { get; init; }

    /// <summary>Where the network menu writes its networkd file.</summary>
    public required string NetworkDirectory { get; init; }

    /// <summary>The firmware version the Version screen shows.</summary>
    public required string Version { get; init; }

    /// <summary>The box's serial number the Version screen shows.</summary>
    public required string Serial { get; init; }

    /// <summary>
    /// The root slots, read when the Version screen opens; null (or a null answer) on a box without
    /// A/B slots, whose Version screen then shows only the version and serial.
    /// </summary>
    public Func<RootSlots?>? Slots { get; init; }

    public required TimeProvider Time { get; init; }

    public required ILogger Log { get; init; }

    /// <summary>How long a button is held to count as a long press.</summary>
    public TimeSpan LongPress { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>How long each status screen stays before the next.</summary>
    public TimeSpan RotateInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the menu stays open without a press before the status returns.</summary>
    public TimeSpan MenuTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The I2C device of the LCD expander; null opens the profile's bus and address, or the
    /// emulated backpack on the virtual board.
    /// </summary>
    public I2cDevice? LcdDevice { get; init; }

    /// <summary>
    /// The GPIO controller of the buttons and LEDs; null opens the profile's chip, or the
    /// virtual driver on the virtual board. The panel owns it.
    /// </summary>
    public GpioController? Gpio { get; init; }
}
