using System.Globalization;
using System.Text;
using Appliance.Sip.Dialogs;
using Appliance.Sip.Messages;

namespace Appliance.Sip.Transfer;

/// <summary>
/// Builds the NOTIFYs of the implicit subscription a REFER creates (RFC 3515 §2.4.4): each carries
/// the status line of the referred request as a <c>message/sipfrag</c> body (RFC 3420), the last
/// one with a final status and <c>Subscription-State: terminated</c>.
/// </summary>
public static class SipReferNotify
{
    /// <summary>How long the subscription lives when not terminated, in seconds (§2.4.4 leaves it to us).</summary>
    public const int ExpiresSeconds = 60;

    /// <summary>
    /// A NOTIFY in <paramref name="dialog"/> (the REFER's dialog) reporting
    /// <paramref name="statusCode"/>; a final status (200 and above) ends the subscription.
    /// </summary>
    public static SipRequest Create(SipDialog dialog, int statusCode, string reasonPhrase)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 699);

        var notify = dialog.CreateRequest("NOTIFY");
        notify.Headers.Add("Event", "refer");
        notify.Headers.Add(
            "Subscription-State",
            statusCode >= 200
                ? "terminated;reason=noresource"
                : string.Create(CultureInfo.InvariantCulture, $"active;expires={ExpiresSeconds}"));
        notify.Headers.Add("Content-Type", "message/sipfrag;version=2.0");
        notify.Body = Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"SIP/2.0 {statusCode} {reasonPhrase}\r\n"));
        return notify;
    }
}
