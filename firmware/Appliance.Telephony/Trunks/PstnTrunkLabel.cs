using System.Globalization;
using System.Net;
using Appliance.CallCenter.Records;
using Appliance.Sip.Transactions;

namespace Appliance.Telephony.Trunks;

/// <summary>
/// Reads the card port and channel the PSTN gateway put in <see cref="PstnGateway.TrunkHeader"/>
/// into a call's record. The header is honoured only from a loopback address, where the gateway
/// runs, so a caller on a SIP trunk cannot write it into the records.
/// </summary>
internal static class PstnTrunkLabel
{
    public static void Apply(SipServerTransaction invite, CallRecord record)
    {
        var value = invite.Request.Headers[PstnGateway.TrunkHeader];
        if (value is null || !IPAddress.IsLoopback(invite.RemoteEndPoint.Address))
        {
            return;
        }

        // "e1-0;channel=4"
        var parts = value.Split(';', 2, StringSplitOptions.TrimEntries);
        if (parts[0].Length is 0 or > 32)
        {
            return;
        }

        record.TrunkPort = parts[0];
        if (parts.Length == 2
            && parts[1].StartsWith("channel=", StringComparison.Ordinal)
            && int.TryParse(parts[1].AsSpan(8), NumberStyles.None, CultureInfo.InvariantCulture, out var channel))
        {
            record.TrunkChannel = channel;
        }
    }
}
