using Appliance.Drivers.Cards;

namespace Appliance.Telephony.Trunks;

/// <summary>One card port as the web UI and the LCD show it.</summary>
public sealed record TrunkPortStatus(
    int Port,
    string Name,
    PortKind Kind,
    string? Group,
    int Channels,
    int BusyChannels,
    PortAlarms Alarms)
{
    public bool InService => Alarms == PortAlarms.None;

    public int FreeChannels => InService ? Channels - BusyChannels : 0;
}
