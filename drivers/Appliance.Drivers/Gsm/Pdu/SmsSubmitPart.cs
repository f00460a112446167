namespace Appliance.Drivers.Gsm.Pdu;

/// <summary>One SMS-SUBMIT to give a module in PDU mode: <see cref="Hex"/> is sent after the
/// prompt (service centre field first), <see cref="TpduLength"/> is the length AT+CMGS takes,
/// which leaves the service centre field out (3GPP TS 27.005 §3.5.1).</summary>
public readonly record struct SmsSubmitPart(string Hex, int TpduLength);
