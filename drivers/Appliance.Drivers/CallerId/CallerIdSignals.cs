namespace Appliance.Drivers.CallerId;

/// <summary>Which caller-ID signals a line is listened for; several may be combined.</summary>
[Flags]
public enum CallerIdSignals
{
    /// <summary>The line has no caller-ID service; the call is offered at its first ring.</summary>
    None = 0,

    /// <summary>FSK on Bell 202 tones between the first and second ring (Telcordia GR-30).</summary>
    Bell202 = 1,

    /// <summary>FSK on V.23 tones between the first and second ring (ETSI EN 300 659-1).</summary>
    V23 = 2,

    /// <summary>DTMF keys before the first ring (China, some European networks).</summary>
    Dtmf = 4,

    /// <summary>Every signal at once; the first message whose checks hold wins.</summary>
    All = Bell202 | V23 | Dtmf,
}
