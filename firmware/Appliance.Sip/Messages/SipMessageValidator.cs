using System.Globalization;

namespace Appliance.Sip.Messages;

/// <summary>
/// The checks a parsed head must pass before the message is handed on: mandatory headers
/// (RFC 3261 §8.1.1, Max-Forwards is optional for us), single-valued headers, CSeq method,
/// Max-Forwards range and Content-Length against the datagram (§18.3, §20.14).
/// </summary>
internal static class SipMessageValidator
{
    private const string VersionReason = "Unsupported SIP version";

    private const string SchemeReason = "Unsupported URI scheme";

    public static bool TryValidate(
        SipMessage message,
        ReadOnlySpan<byte> rest,
        SipHeadProblems problems,
        out SipParseError error)
    {
        if (!TryCheckMandatory(message, ref problems, out var reason, out var viaReadable))
        {
            // RFC 4475 §3.1.2 (quotbal, baddn, insuf, multi01 ...): a request whose Vias can be
            // read can still be answered 400 on the path it came by, even when From, To, Call-ID
            // or CSeq cannot; the answer copies what there is of them (RFC 3261 §8.2.6.2).
            var routable = viaReadable && !problems.UnsupportedVersion
                && message is SipRequest { Method: not "ACK" } request ? request : null;
            error = new SipParseError(EarlierReason(problems) ?? reason) { Answerable = routable };
            return false;
        }

        // From here on a request is complete enough to be answered (§8.2.6).
        var answerable = message as SipRequest;
        if (answerable is not null && answerable.Method == "ACK")
        {
            // RFC 3261 §17: an ACK is never answered.
            answerable = null;
        }

        if (problems.UnsupportedVersion)
        {
            error = new SipParseError(VersionReason) { Answerable = answerable, StatusCode = 505 };
            return false;
        }

        if (problems.TooLarge is { } tooLarge)
        {
            error = new SipParseError(tooLarge) { Answerable = answerable, StatusCode = 513 };
            return false;
        }

        var syntax = problems.Syntax;
        if (syntax is null
            && (!TryCheckCSeq(message, out reason)
                || !TryCheckOptional(message, out reason)
                || !TryCheckContacts(message, out reason)))
        {
            syntax = reason;
        }

        var status = 400;
        if (syntax is null && !TryApplyContentLength(message, rest, out reason, out status))
        {
            syntax = reason;
        }

        if (syntax is not null)
        {
            error = new SipParseError(syntax) { Answerable = answerable, StatusCode = status };
            return false;
        }

        if (problems.UnsupportedScheme)
        {
            error = new SipParseError(SchemeReason) { Answerable = answerable, StatusCode = 416 };
            return false;
        }

        error = new SipParseError(string.Empty);
        return true;
    }

    private static string? EarlierReason(SipHeadProblems problems) =>
        problems.UnsupportedVersion ? VersionReason
            : problems.Syntax ?? (problems.UnsupportedScheme ? SchemeReason : null);

    private static bool TryCheckMandatory(
        SipMessage message,
        ref SipHeadProblems problems,
        out string reason,
        out bool viaReadable)
    {
        viaReadable = false;
        var headers = message.Headers;
        var vias = headers.GetAll(SipHeaderNames.Via);
        if (vias.Count == 0)
        {
            reason = "Missing Via header";
            return false;
        }

        foreach (var via in vias)
        {
            if (!SipVia.TryParseAnyVersion(via, out var parsed))
            {
                reason = "Malformed Via header";
                return false;
            }

            if (parsed.Version != "2.0")
            {
                problems.UnsupportedVersion = true;
            }
        }

        viaReadable = true;
        if (!TryCheckSingle(headers, SipHeaderNames.From, out reason)
            || !TryCheckSingle(headers, SipHeaderNames.To, out reason)
            || !TryCheckSingle(headers, SipHeaderNames.CallId, out reason))
        {
            return false;
        }

        if (headers.CountOf(SipHeaderNames.CSeq) == 0)
        {
            reason = "Missing CSeq header";
            return false;
        }

        if (!IsAddress(headers[SipHeaderNames.From]))
        {
            reason = "Malformed From header";
            return false;
        }

        if (!IsAddress(headers[SipHeaderNames.To]))
        {
            reason = "Malformed To header";
            return false;
        }

        if (string.IsNullOrWhiteSpace(headers[SipHeaderNames.CallId]))
        {
            reason = "Empty Call-ID header";
            return false;
        }

        reason = string.Empty;
        return true;
    }

    /// <summary>
    /// A From or To: a SIP address, or a well-formed one of another URI scheme (RFC 4475 unksm2),
    /// which is kept for the TU to answer.
    /// </summary>
    private static bool IsAddress(string? value) =>
        SipNameAddress.TryParse(value, out _) || SipNameAddress.IsOtherSchemeAddress(value);

    /// <summary>RFC 3261 §20.16: one CSeq, a number below 2^31 and a method token.</summary>
    private static bool TryCheckCSeq(SipMessage message, out string reason)
    {
        if (!TryCheckSingle(message.Headers, SipHeaderNames.CSeq, out reason))
        {
            return false;
        }

        var value = message.Headers[SipHeaderNames.CSeq]!;
        if (SipCSeq.TryParse(value, out _))
        {
            return true;
        }

        var text = value.AsSpan().Trim();
        var space = text.IndexOfAny(' ', '\t');
        var number = space < 0 ? text : text[..space];
        reason = space <= 0 ? "Malformed CSeq header"
            : number[0] == '-' ? "Negative CSeq number"
            : number.ContainsAnyExceptInRange('0', '9') ? "Non-numeric CSeq number"
            : !uint.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                || n >= 1u << 31 ? "CSeq number not below 2^31"
            : "Malformed CSeq method";
        return false;
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

    /// <summary>
    /// RFC 3261 §20.10: an addr-spec Contact with a '?' or ',' in its URI must have been put in
    /// brackets (RFC 4475 regbadct). Contacts with other schemes in brackets are left to the TU.
    /// </summary>
    private static bool TryCheckContacts(SipMessage message, out string reason)
    {
        foreach (var contact in message.Headers.GetAll(SipHeaderNames.Contact))
        {
            if (contact != "*" && contact.IndexOf('<', StringComparison.Ordinal) < 0
                && !SipNameAddress.TryParse(contact, out _))
            {
                reason = "Malformed Contact header";
                return false;
            }
        }

        reason = string.Empty;
        return true;
    }

    private static bool TryApplyContentLength(
        SipMessage message,
        ReadOnlySpan<byte> rest,
        out string reason,
        out int status)
    {
        status = 400;
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

        if ((length ?? rest.Length) > SipParser.MaxBodyBytes)
        {
            // RFC 3261 §21.4.11: 413 Request Entity Too Large.
            reason = "Body larger than 32 KiB";
            status = 413;
            return false;
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
