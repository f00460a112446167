namespace Appliance.Media.Detection;

/// <summary>What <see cref="EarlyMediaToneDetector"/> heard in the early media of an outbound call.</summary>
public enum EarlyMediaTone
{
    /// <summary>Nothing recognised yet (ring-back, silence, an announcement).</summary>
    None,

    /// <summary>A busy tone: the called line is busy although no 486 came.</summary>
    Busy,

    /// <summary>
    /// The special information tone before an intercept message (number not in service,
    /// changed, or the network cannot complete the call): 950, 1400 and 1800 Hz in turn in
    /// ITU-T E.180, 913.8, 1370.6 and 1776.7 Hz in North America (Telcordia SR-2275).
    /// </summary>
    SpecialInformation,

    /// <summary>
    /// A congestion (reorder) tone: the network or the far exchange has no route or no free
    /// circuit for the call; trying again later may succeed.
    /// </summary>
    Congestion,
}
