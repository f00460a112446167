namespace Appliance.Drivers.Cards;

/// <summary>A snapshot of one port of a card: channels are numbered 1 to
/// <see cref="Channels"/>.</summary>
public sealed record CardPort(
    int Port,
    string Name,
    PortKind Kind,
    int Channels,
    CompandingLaw Law,
    PortAlarms Alarms,
    int BusyChannels)
{
    public bool InService => Alarms == PortAlarms.None;
}
