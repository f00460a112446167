using System.Diagnostics.CodeAnalysis;
using Appliance.Sip.Messages;

namespace Appliance.Sip.Transfer;

/// <summary>
/// What a REFER asks for (RFC 3515 §2.1): the URI of its one Refer-To, and the Replaces that
/// URI carries as an embedded header (RFC 3891 §5) when the transfer is attended.
/// </summary>
public sealed record SipReferTarget(SipUri Uri, SipReplaces? Replaces)
{
    /// <summary>
    /// Reads the Refer-To of <paramref name="refer"/>. False, with the reason, when there is none,
    /// more than one (§2.4.1 asks for a 400 then), the URI is not sip/sips, or an embedded
    /// Replaces cannot be read.
    /// </summary>
    public static bool TryRead(
        SipRequest refer,
        [NotNullWhen(true)] out SipReferTarget? target,
        [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(refer);
        target = null;
        var values = refer.Headers.GetAll("Refer-To");
        if (values.Count != 1)
        {
            reason = values.Count == 0 ? "no Refer-To" : "more than one Refer-To";
            return false;
        }

        if (!SipNameAddress.TryParse(values[0], out var address))
        {
            reason = "Refer-To is not a SIP URI";
            return false;
        }

        SipReplaces? replaces = null;
        if (address.Uri.Headers is { } headers)
        {
            // RFC 3261 §19.1.1: embedded headers are name=value pairs joined by '&', escaped.
            foreach (var header in headers.Split('&'))
            {
                var pair = header.Split('=', 2);
                if (pair.Length == 2 && pair[0].Equals("Replaces", StringComparison.OrdinalIgnoreCase)
                    && !SipReplaces.TryParse(SipUri.Unescape(pair[1]), out replaces))
                {
                    reason = "Replaces in Refer-To cannot be read";
                    return false;
                }
            }
        }

        target = new SipReferTarget(address.Uri, replaces);
        reason = null;
        return true;
    }
}
