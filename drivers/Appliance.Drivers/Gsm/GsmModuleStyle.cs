namespace Appliance.Drivers.Gsm;

/// <summary>Whose AT dialect a module speaks where 3GPP leaves it to the vendor (voice over
/// serial, for one).</summary>
public enum GsmModuleStyle
{
    /// <summary>Quectel EC2x/EG2x: AT+QPCMV=1,0 puts voice on the USB serial port.</summary>
    Quectel,

    /// <summary>SIMCom SIM7600: AT+CPCMREG=1 puts voice on the USB audio serial port.</summary>
    Simcom,
}
