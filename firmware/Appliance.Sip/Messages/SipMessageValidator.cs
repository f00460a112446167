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

    /// <summary>Values longer than this are decoded to a string (and kept) to be checked.</summary>
    private const int StackChars = 256;

    /// <param name="message">The message as read, its headers indexed into <paramref name="source"/>.</param>
    /// <param name="source">The message's bytes.</param>
    /// <param name="bodyStart">Where the body starts in <paramref name="source"/>.</param>
    /// <param name="problems">What reading the head found.</param>
    /// <param name="error">Why the message is refused.</param>
    public static bool TryValidate(
        SipMessage message,
        byte[] source,
        int bodyStart,
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
            && (!TryCheckCSeq(message, out var cseq, out reason)
                || !TryCheckOptional(message, cseq, out reason)
                || !TryCheckContacts(message, out reason)))
        {
            syntax = reason;
        }

        var status = 400;
        if (syntax is null && !TryApplyContentLength(message, source, bodyStart, out reason, out status))
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
        Span<char> buffer = stackalloc char[StackChars];
        var any = false;
        for (var i = headers.IndexOf(SipHeaderNames.Via, 0);
             i >= 0;
             i = headers.IndexOf(SipHeaderNames.Via, i + 1))
        {
            var value = headers.CharsAt(i, buffer);
            var position = 0;
            while (SipText.TryReadListItem(value, ref position, out var via))
            {
                any = true;
                if (!SipVia.IsValid(via, out var isVersion2))
                {
                    reason = "Malformed Via header";
                    return false;
                }

                if (!isVersion2)
                {
                    problems.UnsupportedVersion = true;
                }
            }
        }

        if (!any)
        {
            reason = "Missing Via header";
            return false;
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

        if (!IsAddress(headers.CharsAt(headers.IndexOf(SipHeaderNames.From, 0), buffer)))
        {
            reason = "Malformed From header";
            return false;
        }

        if (!IsAddress(headers.CharsAt(headers.IndexOf(SipHeaderNames.To, 0), buffer)))
        {
            reason = "Malformed To header";
            return false;
        }

        if (headers.CharsAt(headers.IndexOf(SipHeaderNames.CallId, 0), buffer).IsWhiteSpace())
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
    private static bool IsAddress(ReadOnlySpan<char> value) =>
        SipNameAddress.IsValid(value) || SipNameAddress.IsOtherSchemeAddress(value);

    /// <summary>RFC 3261 §20.16: one CSeq, a number below 2^31 and a method token.</summary>
    private static bool TryCheckCSeq(SipMessage message, out SipCSeq cseq, out string reason)
    {
        cseq = default;
        var headers = message.Headers;
        if (!TryCheckSingle(headers, SipHeaderNames.CSeq, out reason))
        {
            return false;
        }

        Span<char> buffer = stackalloc char[StackChars];
        var text = headers.CharsAt(headers.IndexOf(SipHeaderNames.CSeq, 0), buffer);
        if (SipCSeq.TryParse(text, out cseq))
        {
            return true;
        }

        text = text.Trim();
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

    private static bool TryCheckOptional(SipMessage message, SipCSeq cseq, out string reason)
    {
        if (message is SipRequest request && cseq.Method != request.Method)
        {
            reason = "CSeq method does not match the request method";
            return false;
        }

        // Max-Forwards is not a list header: each field line is one value.
        var headers = message.Headers;
        var first = headers.IndexOf(SipHeaderNames.MaxForwards, 0);
        Span<char> buffer = stackalloc char[StackChars];
        if (first >= 0
            && (headers.IndexOf(SipHeaderNames.MaxForwards, first + 1) >= 0
                || !byte.TryParse(
                    headers.CharsAt(first, buffer),
                    NumberStyles.None,
                    CultureInfo.InvariantCulture,
                    out _)))
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
        var headers = message.Headers;
        Span<char> buffer = stackalloc char[StackChars];
        for (var i = headers.IndexOf(SipHeaderNames.Contact, 0);
             i >= 0;
             i = headers.IndexOf(SipHeaderNames.Contact, i + 1))
        {
            var value = headers.CharsAt(i, buffer);
            var position = 0;
            while (SipText.TryReadListItem(value, ref position, out var contact))
            {
                if (!contact.SequenceEqual("*") && contact.IndexOf('<') < 0
                    && !SipNameAddress.IsValid(contact))
                {
                    reason = "Malformed Contact header";
                    return false;
                }
            }
        }

        reason = string.Empty;
        return true;
    }

    private static bool TryApplyContentLength(
        SipMessage message,
        byte[] source,
        int bodyStart,
        out string reason,
        out int status)
    {
        status = 400;
        int? length = null;
        var headers = message.Headers;
        Span<char> buffer = stackalloc char[StackChars];
        for (var i = headers.IndexOf(SipHeaderNames.ContentLength, 0);
             i >= 0;
             i = headers.IndexOf(SipHeaderNames.ContentLength, i + 1))
        {
            var value = headers.CharsAt(i, buffer);
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                || (length is { } earlier && earlier != parsed))
            {
                reason = "Malformed Content-Length header";
                return false;
            }

            length = parsed;
        }

        var available = source.Length - bodyStart;
        if ((length ?? available) > SipParser.MaxBodyBytes)
        {
            // RFC 3261 §21.4.11: 413 Request Entity Too Large.
            reason = "Body larger than 32 KiB";
            status = 413;
            return false;
        }

        if (length > available)
        {
            reason = "Content-Length larger than the body";
            return false;
        }

        // RFC 3261 §18.3: on UDP, bytes past Content-Length are discarded; without the header the
        // body runs to the end of the datagram. The body is a slice of the message's own bytes.
        var bodyLength = length ?? available;
        message.Body = bodyLength == 0 ? ReadOnlyMemory<byte>.Empty : source.AsMemory(bodyStart, bodyLength);
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
