using Appliance.Drivers.Cards;

namespace Appliance.Telephony.Trunks;

/// <summary>One card port or GSM module as the web UI and the LCD show it. A module carries its
/// registration, signal and operator in <see cref="Module"/>, and is in service only while it
/// answers and is registered.</summary>
public sealed record TrunkPortStatus(
    int Port,
    string Name,
    PortKind Kind,
    string? Group,
    int Channels,
    int BusyChannels,
    PortAlarms Alarms)
{
    /// <summary>The module's state when the port is a GSM module driven by AT commands.</summary>
    public GsmModuleState? Module { get; init; }

    public bool InService => Alarms == PortAlarms.None && Module is not { InService: false };

    public int FreeChannels => InService ? Channels - BusyChannels : 0;
}
