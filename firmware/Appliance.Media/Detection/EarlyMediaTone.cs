namespace Appliance.Media.Detection;

/// <summary>What <see cref="EarlyMediaToneDetector"/> heard in the early media of an outbound call.</summary>
public enum EarlyMediaTone
{
    /// <summary>Nothing recognised yet (ring-back, silence, an announcement).</summary>
    None,

    /// <summary>A busy tone: the called line is busy although no 486 came.</summary>
    Busy,

    /// <summary>
    /// The special information tone (ITU-T E.180 / Telcordia SR-2275: 913.8, 1370.6 and
    /// 1776.7 Hz in turn) before an intercept message: number not in service, changed, or the
    /// network cannot complete the call.
    /// </summary>
    SpecialInformation,
}
