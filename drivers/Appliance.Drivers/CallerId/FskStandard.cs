namespace Appliance.Drivers.CallerId;

/// <summary>
/// The FSK modem an exchange sends on-hook caller ID with. Both run at 1200 bit/s; they differ in
/// the tones for a binary 1 (mark) and 0 (space).
/// </summary>
public enum FskStandard
{
    /// <summary>Bell 202, Telcordia GR-30: mark 1200 Hz, space 2200 Hz (North America).</summary>
    Bell202,

    /// <summary>ITU-T V.23, ETSI EN 300 659-1: mark 1300 Hz, space 2100 Hz (Europe, Asia).</summary>
    V23,
}
