namespace Appliance.Drivers.Gsm;

/// <summary>How a module is asked to carry text messages (3GPP TS 27.005 §3.2.3, AT+CMGF).</summary>
public enum SmsMode
{
    /// <summary>PDU mode (AT+CMGF=0) when the module offers it, text mode otherwise: UCS-2 and
    /// long (concatenated) messages both ways.</summary>
    Pdu,

    /// <summary>Text mode (AT+CMGF=1) only: one message of at most 160 characters of the GSM
    /// alphabet.</summary>
    Text,
}
