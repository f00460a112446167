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
        var host = HostOf(destination);
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
    /// The same INVITE sent on to the next route, <paramref name="destination"/>: a new Request-URI
    /// and To host, CSeq <paramref name="cseq"/>, no Via (the transaction layer adds one with a new
    /// branch), and Call-ID, From tag and body kept, as RFC 3261 §8.1.3.4 has a UAC do when it
    /// tries another target for the same call.
    /// </summary>
    public static SipRequest Retarget(SipRequest first, IPEndPoint destination, uint cseq)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(destination);
        var host = HostOf(destination);
        var user = first.RequestUri.User;
        var port = destination.Port.ToString(CultureInfo.InvariantCulture);

        var next = new SipRequest("INVITE", SipUri.Parse($"sip:{user}@{host}:{port}"));
        foreach (var (name, value) in first.Headers)
        {
            if (name.Equals("Via", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            next.Headers.Add(name, name.ToUpperInvariant() switch
            {
                "TO" => $"<sip:{user}@{host}>",
                "CSEQ" => new SipCSeq(cseq, "INVITE").ToString(),
                _ => value,
            });
        }

        next.Body = first.Body;
        return next;
    }

    /// <summary>
    /// Whether an INVITE that ended with <paramref name="response"/> (null: no final response at
    /// all, from Timer B or a transport error) failed on its route rather than on the callee, so
    /// that the next route may still reach the number.
    /// </summary>
    /// <remarks>
    /// RFC 3263 §4.3: a transport error, a timeout or a 503 sends the request to the next server.
    /// RFC 3261 §21.5 makes every 5xx a failure of the server, not of the callee, and a 408 says
    /// nothing of the callee either. Everything else is final: RFC 3398 §7.2.4.1 maps Q.850
    /// causes 17 (user busy), 1 (unallocated number), 28 (address incomplete) and 21 (call
    /// rejected) to 486, 404, 484 and 603, answers about the number that a second carrier would
    /// give the same way, and RFC 3261 §16.7 step 5 ends the search on any 6xx. A 487 is the
    /// answer to our own CANCEL. Once the route sent 180 the number rang, so a failure after it is
    /// final too: a second carrier would ring the callee again.
    /// </remarks>
    public static bool FailsOver(SipResponse? response, bool rang) =>
        !rang && (response is null || response.StatusCode == 408 || response.StatusCode is >= 500 and < 600);

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

    private static string HostOf(IPEndPoint destination) =>
        destination.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{destination.Address}]"
            : destination.Address.ToString();
}
