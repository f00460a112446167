using Appliance.Sip.Messages;

namespace Appliance.Sip.Transactions;

/// <summary>Requests built from another one: the CANCEL of §9.1 and the non-2xx ACK of §17.1.1.3.</summary>
internal static class SipRequestCopies
{
    public static SipRequest CreateCancel(SipRequest invite) => CopyForAckOrCancel(invite, "CANCEL");

    /// <summary>
    /// Same Request-URI, Call-ID, From, To, CSeq number and Route headers as the INVITE, the
    /// method in CSeq changed, and only the INVITE's top Via (so the branch matches).
    /// </summary>
    public static SipRequest CopyForAckOrCancel(SipRequest invite, string method)
    {
        var copy = new SipRequest(method, invite.RequestUri);
        var vias = invite.Headers.GetAll("Via");
        if (vias.Count > 0)
        {
            copy.Headers.Add("Via", vias[0]);
        }

        copy.Headers.Add("Max-Forwards", "70");
        foreach (var name in new[] { "From", "To", "Call-ID" })
        {
            if (invite.Headers[name] is { } value)
            {
                copy.Headers.Add(name, value);
            }
        }

        if (invite.CSeq is { } cseq)
        {
            copy.Headers.Add("CSeq", new SipCSeq(cseq.Number, method).ToString());
        }

        foreach (var route in invite.Headers.GetAll("Route"))
        {
            copy.Headers.Add("Route", route);
        }

        return copy;
    }
}
