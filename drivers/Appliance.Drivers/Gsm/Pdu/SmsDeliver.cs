using System.Globalization;

namespace Appliance.Drivers.Gsm.Pdu;

/// <summary>
/// One SMS-DELIVER read from a PDU (3GPP TS 23.040 §9.2.2.1). <see cref="Originator"/> is the
/// sender's digits (with a leading + when international) or its name when alphanumeric;
/// <see cref="ServiceCentre"/> is empty when the PDU leaves it to the SIM's.
/// <see cref="Part"/> is null for a message in one part.
/// </summary>
public sealed record SmsDeliver(
    string ServiceCentre,
    string Originator,
    SmsDataCoding Coding,
    string Text,
    DateTimeOffset ServiceCentreTime,
    SmsConcatenation? Part)
{
    /// <summary>The time stamp as text mode prints it (TS 27.005 §3.1, "yy/MM/dd,hh:mm:ss±zz",
    /// the zone in quarter hours), so both modes store the same.</summary>
    public string ServiceCentreTimeText
    {
        get
        {
            var quarters = (int)(ServiceCentreTime.Offset.TotalMinutes / 15);
            return ServiceCentreTime.ToString("yy/MM/dd,HH:mm:ss", CultureInfo.InvariantCulture)
                + (quarters < 0 ? "-" : "+")
                + Math.Abs(quarters).ToString("00", CultureInfo.InvariantCulture);
        }
    }
}
