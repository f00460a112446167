namespace Appliance.Media.Tones;

/// <summary>The call-progress tones a caller hears from the network (ITU-T E.180).</summary>
public enum CallProgressTone
{
    /// <summary>The called line is ringing.</summary>
    RingBack,

    /// <summary>The called line is busy.</summary>
    Busy,

    /// <summary>The network is congested (reorder, all circuits busy).</summary>
    Congestion,

    /// <summary>The special information tone before an intercept announcement: three rising
    /// tones (E.180 §7).</summary>
    SpecialInformation,
}
