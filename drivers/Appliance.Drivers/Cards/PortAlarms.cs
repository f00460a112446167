namespace Appliance.Drivers.Cards;

/// <summary>Alarm bits of a port (ITU-T G.775 for LOS and AIS, G.704 for RAI); none means in
/// service.</summary>
[Flags]
public enum PortAlarms
{
    None = 0,
    LossOfSignal = 0x01,
    AlarmIndication = 0x02,
    RemoteAlarm = 0x04,
    NoBattery = 0x08,
    DChannelDown = 0x10,
}
