namespace Appliance.Drivers.Gsm;

/// <summary>
/// A module's state for the status page and the LCD. <see cref="SignalDbm"/> is converted from
/// +CSQ (3GPP TS 27.007 §8.5: -113 dBm + 2 dB a step) and null when the module does not know it.
/// </summary>
public sealed record GsmStatus(
    GsmRegistration Registration,
    int? SignalDbm,
    string Operator,
    string Imei)
{
    public bool Registered => Registration is GsmRegistration.Home or GsmRegistration.Roaming;
}
