using System.Globalization;
using System.Net;
using Appliance.Sip.Messages;

namespace Appliance.Sip.Dialogs;

/// <summary>
/// The dialog state of RFC 3261 §12 for one INVITE and its 2xx, from either side. Requests it
/// builds carry no Via and no Contact: the transaction layer adds the Via, the TU the Contact.
/// Requests follow the route set with loose routing when its first entry has <c>lr</c>, and the
/// strict routing of §12.2.1.1 when it has not. Requests from the peer pass
/// <see cref="TryAcceptRemoteCSeq"/> (§12.2.2) and refresh the remote target
/// (<see cref="RefreshRemoteTarget"/>). Not thread safe: the owning call serialises access.
/// </summary>
public sealed class SipDialog
{
    private SipDialog(
        string callId,
        SipNameAddress localParty,
        SipNameAddress remoteParty,
        SipUri remoteTarget,
        IReadOnlyList<string> routeSet,
        uint localCSeq,
        uint? remoteCSeq,
        IPEndPoint remoteEndPoint)
    {
        RemoteCSeq = remoteCSeq;
        CallId = callId;
        LocalParty = localParty;
        RemoteParty = remoteParty;
        RemoteTarget = remoteTarget;
        RouteSet = routeSet;
        LocalCSeq = localCSeq;
        RemoteEndPoint = remoteEndPoint;
    }

    public string CallId { get; }

    public string LocalTag => LocalParty.Tag ?? string.Empty;

    public string RemoteTag => RemoteParty.Tag ?? string.Empty;

    /// <summary>Our From/To value, with our tag.</summary>
    public SipNameAddress LocalParty { get; }

    /// <summary>The peer's From/To value, with its tag.</summary>
    public SipNameAddress RemoteParty { get; }

    /// <summary>The peer's Contact URI, the Request-URI of requests in the dialog (§12.2.1.1).</summary>
    public SipUri RemoteTarget { get; set; }

    /// <summary>Route header values for requests in the dialog, in the order they are sent.</summary>
    public IReadOnlyList<string> RouteSet { get; }

    /// <summary>The CSeq number of our last request in the dialog; 0 before the first one.</summary>
    public uint LocalCSeq { get; private set; }

    /// <summary>
    /// The CSeq number of the peer's last request in the dialog; null while it has sent none
    /// (the UAC side before the callee's first request, §12.1.2).
    /// </summary>
    public uint? RemoteCSeq { get; private set; }

    /// <summary>Where requests in the dialog are sent.</summary>
    public IPEndPoint RemoteEndPoint { get; set; }

    /// <summary>The dialog we create as UAS by sending <paramref name="ok"/> (§12.1.1).</summary>
    /// <exception cref="ArgumentException">The INVITE or the 2xx lacks a header a dialog needs.</exception>
    public static SipDialog CreateUas(SipRequest invite, SipResponse ok, IPEndPoint remote)
    {
        ArgumentNullException.ThrowIfNull(invite);
        ArgumentNullException.ThrowIfNull(ok);
        ArgumentNullException.ThrowIfNull(remote);
        var local = ok.To ?? throw new ArgumentException("The 2xx has no To header.", nameof(ok));
        if (local.Tag is null)
        {
            throw new ArgumentException("The 2xx To header has no tag.", nameof(ok));
        }

        var routes = invite.Headers.GetAll("Record-Route");
        return new SipDialog(
            RequireCallId(invite),
            local,
            invite.From ?? throw new ArgumentException("The INVITE has no From header.", nameof(invite)),
            ContactUri(invite) ?? invite.From.Uri,
            [.. routes],
            0,
            invite.CSeq?.Number,
            remote);
    }

    /// <summary>The dialog we create as UAC on receiving <paramref name="ok"/> (§12.1.2).</summary>
    /// <exception cref="ArgumentException">The INVITE or the 2xx lacks a header a dialog needs.</exception>
    public static SipDialog CreateUac(SipRequest invite, SipResponse ok, IPEndPoint remote)
    {
        ArgumentNullException.ThrowIfNull(invite);
        ArgumentNullException.ThrowIfNull(ok);
        ArgumentNullException.ThrowIfNull(remote);
        var remoteParty = ok.To ?? throw new ArgumentException("The 2xx has no To header.", nameof(ok));
        var routes = new List<string>(ok.Headers.GetAll("Record-Route"));

        // §12.1.2: the UAC's route set is the Record-Route of the response, reversed.
        routes.Reverse();
        return new SipDialog(
            RequireCallId(invite),
            invite.From ?? throw new ArgumentException("The INVITE has no From header.", nameof(invite)),
            remoteParty,
            ContactUri(ok) ?? invite.RequestUri,
            routes,
            invite.CSeq?.Number ?? 0,
            null,
            remote);
    }

    /// <summary>
    /// A request in the dialog (§12.2.1.1) such as BYE: the next local CSeq, Request-URI the
    /// remote target, Route from the route set, From/To with tags, Call-ID, Max-Forwards 70.
    /// </summary>
    public SipRequest CreateRequest(string method)
    {
        LocalCSeq++;
        return Build(method, LocalCSeq);
    }

    /// <summary>
    /// The ACK of a 2xx (§13.2.2.4) with the CSeq number of the INVITE; the new branch comes
    /// with the Via that <c>SipTransactionLayer.SendAckAsync</c> adds.
    /// </summary>
    public SipRequest CreateAck(SipResponse ok)
    {
        ArgumentNullException.ThrowIfNull(ok);
        var number = ok.CSeq?.Number ?? LocalCSeq;
        return Build("ACK", number);
    }

    /// <summary>
    /// RFC 3261 §12.2.2: a request from the peer must not go back in CSeq. Returns false (answer
    /// 500) for a number lower than the last one; otherwise remembers it. ACK and CANCEL carry
    /// the number of the request they belong to and are not passed here.
    /// </summary>
    public bool TryAcceptRemoteCSeq(SipRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.CSeq is not { } cseq)
        {
            return false;
        }

        if (RemoteCSeq is { } last && cseq.Number < last)
        {
            return false;
        }

        RemoteCSeq = cseq.Number;
        return true;
    }

    /// <summary>
    /// RFC 3261 §12.2: a target refresh request (re-INVITE, UPDATE) or its 2xx replaces the remote
    /// target with its Contact. Returns true when the target changed.
    /// </summary>
    public bool RefreshRemoteTarget(SipMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (ContactUri(message) is not { } contact
            || string.Equals(contact.ToString(), RemoteTarget.ToString(), StringComparison.Ordinal))
        {
            return false;
        }

        RemoteTarget = contact;
        return true;
    }

    /// <summary>True when the message has our Call-ID and both tags, in either direction.</summary>
    public bool Matches(SipMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!string.Equals(message.CallId, CallId, StringComparison.Ordinal))
        {
            return false;
        }

        var fromTag = message.From?.Tag ?? string.Empty;
        var toTag = message.To?.Tag ?? string.Empty;
        return (fromTag == RemoteTag && toTag == LocalTag) || (fromTag == LocalTag && toTag == RemoteTag);
    }

    private SipRequest Build(string method, uint number)
    {
        var (requestUri, routes) = Routing();
        var request = new SipRequest(method, requestUri);
        request.Headers.Add("Max-Forwards", "70");
        foreach (var route in routes)
        {
            request.Headers.Add("Route", route);
        }

        request.Headers.Add("From", LocalParty.ToString());
        request.Headers.Add("To", RemoteParty.ToString());
        request.Headers.Add("Call-ID", CallId);
        request.Headers.Add("CSeq", string.Create(CultureInfo.InvariantCulture, $"{number} {method}"));
        return request;
    }

    /// <summary>
    /// RFC 3261 §12.2.1.1: with a loose router first (lr) the Request-URI is the remote target
    /// and the route set goes in Route as it is; a strict router first takes the Request-URI
    /// itself, and the remote target goes last in Route.
    /// </summary>
    private (SipUri RequestUri, IReadOnlyList<string> Routes) Routing()
    {
        var target = SipUri.Parse(RemoteTarget.ToString());
        if (RouteSet.Count == 0
            || !SipNameAddress.TryParse(RouteSet[0], out var first)
            || first.Uri.Parameters.ContainsKey("lr"))
        {
            return (target, RouteSet);
        }

        var routes = new List<string>(RouteSet.Count);
        for (var i = 1; i < RouteSet.Count; i++)
        {
            routes.Add(RouteSet[i]);
        }

        routes.Add($"<{target}>");
        // Table 1: a Request-URI carries no method parameter and no headers.
        var strict = SipUri.Parse(first.Uri.ToString());
        strict.Parameters.Remove("method");
        strict.Headers = null;
        return (strict, routes);
    }

    private static string RequireCallId(SipRequest invite) =>
        invite.CallId ?? throw new ArgumentException("The INVITE has no Call-ID header.", nameof(invite));

    private static SipUri? ContactUri(SipMessage message)
    {
        var contacts = message.Headers.GetAll("Contact");
        return contacts.Count > 0 && SipNameAddress.TryParse(contacts[0], out var contact)
            ? contact.Uri
            : null;
    }
}
