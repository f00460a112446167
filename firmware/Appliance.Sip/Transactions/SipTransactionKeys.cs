using Appliance.Sip.Messages;

namespace Appliance.Sip.Transactions;

/// <summary>How messages are matched to transactions (RFC 3261 §17.1.3, §17.2.3).</summary>
internal static class SipTransactionKeys
{
    /// <summary>Server key: branch, sent-by and method (ACK and CANCEL look up INVITE with theirs).</summary>
    public static string? Server(SipMessage request, string method)
    {
        var vias = request.Vias;
        if (vias.Count == 0)
        {
            return null;
        }

        var top = vias[0];
        if (top.Branch is { } branch && branch.StartsWith(SipVia.MagicCookie, StringComparison.Ordinal))
        {
            return string.Concat(branch, "|", top.SentBy.ToLowerInvariant(), "|", method);
        }

        // RFC 2543 peers: §17.2.3 falls back on the request identity; the To tag is left out so
        // the ACK of a non-2xx still matches.
        var cseq = request.CSeq?.Number;
        return string.Join('|', "2543", request.CallId, cseq, request.From?.Tag, top.SentBy, method);
    }

    /// <summary>Client key: top Via branch and CSeq method.</summary>
    public static string? Client(SipMessage message)
    {
        var vias = message.Vias;
        if (vias.Count == 0 || vias[0].Branch is not { } branch || message.CSeq is not { } cseq)
        {
            return null;
        }

        return string.Concat(branch, "|", cseq.Method);
    }

    /// <summary>
    /// Matches the ACK of a 2xx, which is a transaction of its own (§13.3.1.4, §17.1.1.3).
    /// </summary>
    public static string? Acknowledged(SipMessage message)
    {
        if (message.CallId is not { } callId || message.CSeq is not { } cseq)
        {
            return null;
        }

        var number = cseq.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return string.Concat(callId, "|", number);
    }
}
