namespace Appliance.Drivers.CallerId;

/// <summary>How a caller-ID message reached the line.</summary>
public enum CallerIdFormat
{
    /// <summary>FSK single data message format (message type 0x04): date/time and number only.</summary>
    Sdmf,

    /// <summary>FSK multiple data message format (message type 0x80): parameters with type and length.</summary>
    Mdmf,

    /// <summary>DTMF digits between a start (A or D) and an end (C) signal.</summary>
    Dtmf,
}
