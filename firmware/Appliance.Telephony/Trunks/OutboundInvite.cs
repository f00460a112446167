using System.Globalization;
using System.Net;
using System.Text;
using Appliance.Sip.Messages;
using Appliance.Sip.Transactions;

namespace Appliance.Telephony.Trunks;

/// <summary>
/// The INVITE every call the box places through a trunk starts with (campaign contacts,
/// callbacks, external transfers, overflow and remote agents), and how its failure reads. Pure
/// functions; thread safe.
/// </summary>
public static class OutboundInvite
{
    /// <summary>Builds the INVITE for <paramref name="number"/> at <paramref name="destination"/>.</summary>
    /// <param name="number">The dialled number: the Request-URI's and To's user part.</param>
    /// <param name="destination">The trunk's address; also the Request-URI's host.</param>
    /// <param name="callerId">The number presented in From and P-Asserted-Identity.</param>
    /// <param name="callId">The Call-ID of the new dialog.</param>
    /// <param name="localHost">The box's advertised address, already bracketed when IPv6.</param>
    /// <param name="contact">The box's Contact header value.</param>
    /// <param name="sdp">The SDP offer.</param>
    /// <param name="allow">The Allow header value.</param>
    public static SipRequest Build(
        string number,
        IPEndPoint destination,
        string callerId,
        string callId,
        string localHost,
        string contact,
        string sdp,
        string allow)
    {
        ArgumentException.ThrowIfNullOrEmpty(number);
        ArgumentNullException.ThrowIfNull(destination);
        var host = destination.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{destination.Address}]"
            : destination.Address.ToString();
        var port = destination.Port.ToString(CultureInfo.InvariantCulture);

        var invite = new SipRequest("INVITE", SipUri.Parse($"sip:{number}@{host}:{port}"));
        invite.Headers.Add("Max-Forwards", "70");
        invite.Headers.Add("From", $"<sip:{callerId}@{localHost}>;tag={SipTransactionLayer.NewTag()}");
        invite.Headers.Add("To", $"<sip:{number}@{host}>");
        invite.Headers.Add("Call-ID", callId);
        invite.Headers.Add("CSeq", "1 INVITE");
        invite.Headers.Add("Contact", contact);

        // RFC 3325 §9.1: the identity a trusted carrier presents as the caller's number.
        invite.Headers.Add("P-Asserted-Identity", $"<sip:{callerId}@{localHost}>");
        invite.Headers.Add("Allow", allow);
        invite.Headers.Add("Content-Type", "application/sdp");
        invite.Body = Encoding.UTF8.GetBytes(sdp);
        return invite;
    }

    /// <summary>
    /// Why a final response of <paramref name="status"/> (408 for none at all) ended the INVITE.
    /// </summary>
    /// <param name="status">The final status, 300 or above.</param>
    /// <param name="ringLimitReached">Whether the box cancelled the INVITE at its ring limit.</param>
    public static OutboundCause CauseOf(int status, bool ringLimitReached) => status switch
    {
        486 or 600 => OutboundCause.Busy,
        480 or 603 => OutboundCause.NoAnswer,
        487 or 408 when ringLimitReached => OutboundCause.NoAnswer,
        408 or >= 500 and < 600 => OutboundCause.Unavailable,
        _ => OutboundCause.Rejected,
    };
}
