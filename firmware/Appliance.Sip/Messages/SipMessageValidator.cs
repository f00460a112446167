using System.Globalization;

namespace Appliance.Sip.Messages;

/// <summary>
/// The checks a parsed head must pass before the message is handed on: mandatory headers
/// (RFC 3261 §8.1.1, Max-Forwards is optional for us), single-valued headers, CSeq method,
/// Max-Forwards range and Content-Length against the datagram (§18.3, §20.14).
/// </summary>
internal static class SipMessageValidator
{
    public static bool TryValidate(SipMessage message, ReadOnlySpan<byte> rest, out SipParseError error)
    {
        if (!TryCheckMandatory(message, out var reason))
        {
            error = new SipParseError(reason);
            return false;
        }

        // From here on a request is complete enough to be answered with a 400 (§8.2.6).
        var answerable = message as SipRequest;
        if (answerable is not null && answerable.Method == "ACK")
        {
            // RFC 3261 §17: an ACK is never answered.
            answerable = null;
        }

        if (!TryCheckOptional(message, out reason) || !TryApplyContentLength(message, rest, out reason))
        {
            error = new SipParseError(reason) { Answerable = answerable };
            return false;
        }

        error = new SipParseError(string.Empty);
        return true;
    }

    private static bool TryCheckMandatory(SipMessage message, out string reason)
    {
        var headers = message.Headers;
        var vias = headers.GetAll(SipHeaderNames.Via);
        if (vias.Count == 0)
        {
            reason = "Missing Via header";
            return false;
        }

        foreach (var via in vias)
        {
            if (!SipVia.TryParse(via, out _))
            {
                reason = "Malformed Via header";
                return false;
            }
        }

        if (!TryCheckSingle(headers, SipHeaderNames.From, out reason)
            || !TryCheckSingle(headers, SipHeaderNames.To, out reason)
            || !TryCheckSingle(headers, SipHeaderNames.CallId, out reason)
            || !TryCheckSingle(headers, SipHeaderNames.CSeq, out reason))
        {
            return false;
        }

        if (!SipNameAddress.TryParse(headers[SipHeaderNames.From], out _))
        {
            reason = "Malformed From header";
            return false;
        }

        if (!SipNameAddress.TryParse(headers[SipHeaderNames.To], out _))
        {
            reason = "Malformed To header";
            return false;
        }

        if (string.IsNullOrWhiteSpace(headers[SipHeaderNames.CallId]))
        {
            reason = "Empty Call-ID header";
            return false;
        }

        if (!SipCSeq.TryParse(headers[SipHeaderNames.CSeq], out _))
        {
            reason = "Malformed CSeq header";
            return false;
        }

        reason = string.Empty;
        return true;
    }

    private static bool TryCheckOptional(SipMessage message, out string reason)
    {
        if (message is SipRequest request && message.CSeq is { } cseq && cseq.Method != request.Method)
        {
            reason = "CSeq method does not match the request method";
            return false;
        }

        var maxForwards = message.Headers.GetAll(SipHeaderNames.MaxForwards);
        if (maxForwards.Count > 1
            || (maxForwards.Count == 1
                && !(byte.TryParse(maxForwards[0], NumberStyles.None, CultureInfo.InvariantCulture, out _))))
        {
            reason = "Malformed Max-Forwards header";
            return false;
        }

        reason = string.Empty;
        return true;
    }

    private static bool TryApplyContentLength(SipMessage message, ReadOnlySpan<byte> rest, out string reason)
    {
        int? length = null;
        foreach (var value in message.Headers.GetAll(SipHeaderNames.ContentLength))
        {
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                || (length is { } earlier && earlier != parsed))
            {
                reason = "Malformed Content-Length header";
                return false;
            }

            length = parsed;
        }

        if (length > rest.Length)
        {
            reason = "Content-Length larger than the body";
            return false;
        }

        // RFC 3261 §18.3: on UDP, bytes past Content-Length are discarded; without the header the
        // body runs to the end of the datagram.
        var body = length is { } n ? rest[..n] : rest;
        message.Body = body.IsEmpty ? ReadOnlyMemory<byte>.Empty : body.ToArray();
        reason = string.Empty;
        return true;
    }

    private static bool TryCheckSingle(SipHeaderCollection headers, string name, out string reason)
    {
        var count = headers.CountOf(name);
        reason = count switch
        {
            0 => $"Missing {name} header",
            1 => string.Empty,
            _ => $"More than one {name} header",
        };
        return count == 1;
    }
}
