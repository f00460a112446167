namespace Appliance.Drivers.Gsm.Pdu;

/// <summary>The alphabet of a message's user data (3GPP TS 23.038 §4, TP-DCS).</summary>
public enum SmsDataCoding
{
    /// <summary>The GSM 7-bit default alphabet with its extension table, packed.</summary>
    Gsm7,

    /// <summary>8-bit data; read as ISO 8859-1, one character an octet.</summary>
    EightBit,

    /// <summary>UCS-2, two octets a character, big-endian; surrogate pairs (UTF-16) pass through.</summary>
    Ucs2,
}
