using Appliance.Drivers.Gsm;

namespace Appliance.GsmSimulator;

/// <summary>
/// How a <see cref="PtyModem"/> behaves: whose dialect it speaks, whether its SIM is locked, whether
/// it offers PDU mode for SMS, and how slowly it answers AT+COPS? (real modules take hundreds of
/// milliseconds to a few seconds there).
/// </summary>
public sealed record SimulatedModuleSettings
{
    /// <summary>Quectel EC2x or SIMCom SIM7600: voice routing, the answer report and the hang-up
    /// report differ.</summary>
    public GsmModuleStyle Style { get; init; } = GsmModuleStyle.Quectel;

    /// <summary>The SIM's PIN; null for a SIM that is not locked.</summary>
    public string? Pin { get; init; } = PtyModem.Pin;

    /// <summary>Whether AT+CMGF=0 (PDU mode, TS 27.005 §3.2.3) is accepted; a module without it
    /// answers AT+CMGF=? with (1) and refuses AT+CMGF=0.</summary>
    public bool PduMode { get; init; } = true;

    /// <summary>How long AT+COPS? takes to answer.</summary>
    public TimeSpan SlowAnswer { get; init; } = TimeSpan.FromMilliseconds(400);

    /// <summary>The IMEI AT+CGSN answers.</summary>
    public string Imei { get; init; } = "867698040123456";

    /// <summary>The operator AT+COPS? names while registered.</summary>
    public string Operator { get; init; } = "CHINA MOBILE";
}
