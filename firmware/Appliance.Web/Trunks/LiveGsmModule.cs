namespace Appliance.Web.Trunks;

/// <summary>A GSM/4G module's own state, beside its port's.</summary>
/// <param name="Started">It came through start-up (SIM unlocked); false while it is being
/// brought up or refused to start.</param>
/// <param name="Responding">It answers AT commands; false from an unanswered command until it
/// answers again or is reset.</param>
/// <param name="Registration">home, roaming, searching, denied, not-registered or unknown.</param>
/// <param name="SignalDbm">Received signal in dBm (from +CSQ), null when the module does not know.</param>
/// <param name="Operator">The network's name, empty when not registered.</param>
/// <param name="Imei">The module's IMEI.</param>
/// <param name="Resets">How often it was reset because it stopped answering.</param>
public sealed record LiveGsmModule(
    bool Started,
    bool Responding,
    string Registration,
    int? SignalDbm,
    string Operator,
    string Imei,
    int Resets);
