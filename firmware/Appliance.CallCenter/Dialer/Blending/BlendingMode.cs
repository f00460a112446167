namespace Appliance.CallCenter.Dialer.Blending;

/// <summary>The blender's state, with hysteresis between the two.</summary>
public enum BlendingMode
{
    /// <summary>Inbound copes: outbound campaigns pace normally.</summary>
    Normal,

    /// <summary>
    /// Inbound crossed a threshold: outbound pacing is held and idle blended agents go to inbound,
    /// until inbound has been quiet for <see cref="BlendingOptions.QuietTime"/>.
    /// </summary>
    InboundPressure,
}
