namespace Appliance.Drivers.CallerId;

/// <summary>
/// Why the exchange sent no number or name (ETSI EN 300 659-3 §5.4.4 "reason for absence",
/// Telcordia GR-30 "P" and "O").
/// </summary>
public enum CallerIdAbsence
{
    /// <summary>The item is present, or nothing was said about it.</summary>
    None,

    /// <summary>"P": the caller restricted presentation.</summary>
    Private,

    /// <summary>"O": out of area or unavailable (the exchange does not know it).</summary>
    Unavailable,
}
