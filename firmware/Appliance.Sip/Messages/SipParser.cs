using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Appliance.Sip.Messages;

/// <summary>
/// Parses one SIP message from a datagram (RFC 3261 §7, §18.3). It never throws on input:
/// anything it cannot read safely is refused with a reason. It accepts compact header names,
/// folded header lines, names in any case and bare LF line ends; it refuses bare CR, control
/// characters in headers, a missing Via/From/To/Call-ID/CSeq, a Content-Length that is not a
/// number or is larger than the body, and messages over <see cref="MaxMessageBytes"/>. A request
/// whose Via, From, To, Call-ID and CSeq can be read is refused with an error that can build its
/// answer: 400 for a bad header line, CSeq, Max-Forwards or Content-Length, 505 for another SIP
/// version, 416 for a Request-URI scheme other than sip and sips.
/// Thread safe (no state).
/// </summary>
public static class SipParser
{
    /// <summary>Largest message accepted, 64 KiB.</summary>
    public const int MaxMessageBytes = 64 * 1024;

    /// <summary>Most header field lines read; a message with more is answered 513 or dropped.</summary>
    public const int MaxHeaderFields = 256;

    /// <summary>Largest body accepted, 32 KiB; a request with a larger one is answered 413.</summary>
    public const int MaxBodyBytes = 32 * 1024;

    private const int MaxNameChars = 128;
    private static readonly SearchValues<byte> s_controls = SearchValues.Create(ControlBytes());

    public static bool TryParse(
        ReadOnlySpan<byte> data,
        [NotNullWhen(true)] out SipMessage? message,
        out SipParseError error)
    {
        message = null;
        try
        {
            if (TryParseCore(data, out var parsed, out error))
            {
                message = parsed!;
                return true;
            }

            return false;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
        {
            // A value parser is reached with text it did not expect; the message is refused, not thrown.
            error = new SipParseError("Unreadable message: " + ex.GetType().Name);
            return false;
        }
    }

    private static bool TryParseCore(
        ReadOnlySpan<byte> data,
        out SipMessage? message,
        out SipParseError error)
    {
        message = null;
        var problems = default(SipHeadProblems);
        if (data.Length > MaxMessageBytes)
        {
            // The head is still read, so that a request can be answered 513 rather than dropped.
            problems.TooLarge = "Message larger than 64 KiB";
            data = data[..MaxMessageBytes];
        }

        // RFC 3261 §7.5: CRLFs before the start line are ignored (they are keep-alives on streams).
        while (!data.IsEmpty && (data[0] == (byte)'\r' || data[0] == (byte)'\n'))
        {
            if (data[0] == (byte)'\r' && (data.Length < 2 || data[1] != (byte)'\n'))
            {
                return Fail("Bare CR in message", out error);
            }

            data = data[(data[0] == (byte)'\r' ? 2 : 1)..];
        }

        if (data.IsEmpty)
        {
            return Fail("Empty message", out error);
        }

        // The message keeps its own copy of the bytes: the Request-URI, header values and the body
        // are slices of it, decoded only when read, and the caller may reuse its buffer at once.
        var source = data.ToArray();
        var position = 0;
        if (!TryReadLine(source, ref position, out var startLine, out var lineError))
        {
            return Fail(lineError, out error);
        }

        if (!TryParseStartLine(source, startLine, ref problems, out message, out var startError))
        {
            return Fail(startError, out error);
        }

        if (!TryReadHeaders(source, ref position, message.Headers, ref problems, out var headerError))
        {
            return Fail(headerError, out error);
        }

        if (!SipMessageValidator.TryValidate(message, source, position, problems, out error))
        {
            message = null;
            return false;
        }

        return true;
    }

    private static bool TryReadHeaders(
        byte[] source,
        ref int position,
        SipHeaderCollection headers,
        ref SipHeadProblems problems,
        out string error)
    {
        var fields = new SipHeaderFieldList();
        try
        {
            if (!TryIndexHeaders(source, ref position, ref fields, ref problems, out error))
            {
                return false;
            }

            headers.Load(source, fields.AsSpan());
            return true;
        }
        finally
        {
            fields.Dispose();
        }
    }

    private static bool TryIndexHeaders(
        byte[] source,
        ref int position,
        ref SipHeaderFieldList fields,
        ref SipHeadProblems problems,
        out string error)
    {
        var data = source.AsSpan();
        var pending = default(PendingField);
        var skipping = false;
        while (true)
        {
            var lineStart = position;
            if (!TryReadLine(data, ref position, out var line, out error))
            {
                return false;
            }

            if (line.IsEmpty)
            {
                break;
            }

            if (line[0] == (byte)' ' || line[0] == (byte)'\t')
            {
                if (skipping)
                {
                    continue;
                }

                // RFC 3261 §7.3.1: a line starting with whitespace continues the previous header.
                if (pending.Name is null)
                {
                    error = "Folded line before any header";
                    return false;
                }

                pending.Text = pending.ValueText(source) + " " + Decode(line.Trim(" \t"u8));
                continue;
            }

            if (pending.Name is not null)
            {
                Commit(ref fields, source, pending);
            }

            if (fields.Count >= MaxHeaderFields)
            {
                // The rest of the head is read but not kept: memory stays bounded per message.
                problems.TooLarge ??= "Too many header fields";
                pending = default;
                skipping = true;
                continue;
            }

            // A bad header line is skipped with its folded continuation, and remembered: the
            // request may still be answerable with a 400 that says what was wrong.
            skipping = !TrySplitHeader(line, lineStart, out pending, out var lineError);
            if (skipping)
            {
                problems.AddSyntax(lineError);
            }
        }

        if (pending.Name is not null)
        {
            Commit(ref fields, source, pending);
        }

        error = string.Empty;
        return true;
    }

    private static bool TrySplitHeader(
        ReadOnlySpan<byte> line,
        int lineStart,
        out PendingField field,
        out string error)
    {
        field = default;
        var colon = line.IndexOf((byte)':');
        var rawName = colon < 0 ? default : line[..colon].TrimEnd(" \t"u8);
        if (rawName.IsEmpty || rawName.Length > MaxNameChars)
        {
            error = "Malformed header line";
            return false;
        }

        Span<char> chars = stackalloc char[MaxNameChars];
        for (var i = 0; i < rawName.Length; i++)
        {
            chars[i] = (char)rawName[i];
            if (!SipText.IsTokenChar(chars[i]))
            {
                // RFC 3261 §7.3.1: a header name is a token, so ASCII only.
                error = rawName.ContainsAnyExceptInRange((byte)0, (byte)0x7F)
                    ? "Non-ASCII header name"
                    : "Malformed header name";
                return false;
            }
        }

        var afterColon = line[(colon + 1)..];
        var value = afterColon.TrimStart(" \t"u8);
        var start = lineStart + colon + 1 + (afterColon.Length - value.Length);
        field = new PendingField
        {
            Name = SipHeaderNames.Canonical(chars[..rawName.Length]),
            Start = start,
            Length = value.TrimEnd(" \t"u8).Length,
        };
        error = string.Empty;
        return true;
    }

    private static void Commit(ref SipHeaderFieldList fields, byte[] source, PendingField pending)
    {
        var hasComma = pending.Text is { } text
            ? text.Contains(',', StringComparison.Ordinal)
            : source.AsSpan(pending.Start, pending.Length).Contains((byte)',');
        if (!ReferenceEquals(pending.Name, SipHeaderNames.Via) || !hasComma)
        {
            fields.Add(pending.Text is null
                ? SipHeaderField.Range(pending.Name!, pending.Start, pending.Length)
                : SipHeaderField.Text(pending.Name!, pending.Text));
            return;
        }

        // One Via per field line, so the transaction layer can stamp the top one (§18.2.1).
        var value = pending.ValueText(source);
        var position = 0;
        while (SipText.TryReadListItem(value, ref position, out var part))
        {
            fields.Add(SipHeaderField.Text(SipHeaderNames.Via, part.ToString()));
        }
    }

    private static bool TryParseStartLine(
        byte[] source,
        ReadOnlySpan<byte> line,
        ref SipHeadProblems problems,
        [NotNullWhen(true)] out SipMessage? message,
        out string error)
    {
        message = null;
        var buffer = line.Length <= 512 ? stackalloc char[512] : new char[line.Length];
        ReadOnlySpan<char> text = buffer[..Encoding.UTF8.GetChars(line, buffer)];
        if (text.StartsWith("SIP/", StringComparison.Ordinal))
        {
            return TryParseStatusLine(text, out message, out error);
        }

        // RFC 3261 §25.1: Request-Line = Method SP Request-URI SP SIP-Version CRLF, one SP each.
        // Past a method token the request is kept so its answer can say what was wrong.
        var first = text.IndexOf(' ');
        if (first <= 0 || !SipText.IsToken(text[..first]))
        {
            error = "Malformed request line";
            return false;
        }

        var method = text[..first];
        var rest = text[(first + 1)..];
        if (rest.Length != rest.TrimEnd(" \t").Length)
        {
            // RFC 4475 §3.1.2.9 (trws): trailing whitespace after the version.
            problems.AddSyntax("Whitespace at the end of the request line");
            rest = rest.TrimEnd(" \t");
        }

        var last = rest.LastIndexOf(' ');
        if (last < 0)
        {
            error = "Malformed request line";
            return false;
        }

        var uriText = rest[..last];
        if (uriText.IsEmpty || uriText.IndexOfAny(' ', '\t') >= 0)
        {
            // RFC 4475 §3.1.2.7-8 (lwsruri, lwsstart): no LWS inside or around the Request-URI.
            problems.AddSyntax("Malformed Request-URI");
        }

        // RFC 3261 §8.2.1 and §21.5.26: another version is answered 505 once the head is read.
        if (!rest[(last + 1)..].Equals("SIP/2.0", StringComparison.OrdinalIgnoreCase))
        {
            problems.UnsupportedVersion = true;
        }

        var name = SipText.KnownMethod(method) ?? method.ToString();
        if (!SipUri.IsValid(uriText, out var hasHeaders))
        {
            // RFC 3261 §8.2.2.1: a scheme we do not serve is answered 416, other junk 400. The
            // request keeps a placeholder URI; it is only used to build that answer.
            if (HasOtherScheme(uriText))
            {
                problems.UnsupportedScheme = true;
            }
            else
            {
                problems.AddSyntax("Malformed Request-URI");
            }

            message = new SipRequest(name, new SipUri("sip", null, "invalid"));
            error = string.Empty;
            return true;
        }

        if (hasHeaders)
        {
            // RFC 3261 §19.1.1 table: headers are not allowed in a Request-URI (RFC 4475 escruri).
            problems.AddSyntax("Headers in Request-URI");
        }

        // The start line is the first line of the source. When it is ASCII, characters are bytes
        // and the URI is parsed from its slice on first read; otherwise it is parsed now.
        message = Ascii.IsValid(line)
            ? new SipRequest(name, source.AsMemory(first + 1, uriText.Length))
            : new SipRequest(name, SipUri.Parse(uriText.ToString()));
        error = string.Empty;
        return true;
    }

    /// <summary>True for <c>scheme:</c> (RFC 3986 §3.1) with a scheme other than sip and sips.</summary>
    private static bool HasOtherScheme(ReadOnlySpan<char> uri)
    {
        var colon = uri.IndexOf(':');
        if (colon <= 0 || !char.IsAsciiLetter(uri[0]))
        {
            return false;
        }

        var scheme = uri[..colon];
        foreach (var c in scheme)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return !scheme.Equals("sip", StringComparison.OrdinalIgnoreCase)
            && !scheme.Equals("sips", StringComparison.OrdinalIgnoreCase);
    }

    private static bool TryParseStatusLine(
        ReadOnlySpan<char> text,
        [NotNullWhen(true)] out SipMessage? message,
        out string error)
    {
        message = null;
        error = "Malformed status line";
        if (text.Length < 11 || !text[..8].Equals("SIP/2.0 ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (!int.TryParse(text.Slice(8, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            || code is < 100 or > 699
            || (text.Length > 11 && text[11] != ' '))
        {
            return false;
        }

        var reason = text.Length > 12 ? text[12..] : default;
        var usual = SipReasonPhrases.For(code);
        message = new SipResponse(code, reason.SequenceEqual(usual) ? usual : reason.ToString());
        error = string.Empty;
        return true;
    }

    /// <summary>Reads up to the next LF, dropping one CR before it; refuses bare CR and controls.</summary>
    private static bool TryReadLine(
        ReadOnlySpan<byte> data,
        ref int position,
        out ReadOnlySpan<byte> line,
        out string error)
    {
        line = default;
        var rest = data[position..];
        var lf = rest.IndexOf((byte)'\n');
        if (lf < 0)
        {
            error = rest.IndexOf((byte)'\r') >= 0 ? "Bare CR in message" : "Message ends inside the headers";
            return false;
        }

        line = rest[..lf];
        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        position += lf + 1;
        if (line.IndexOf((byte)'\r') >= 0)
        {
            error = "Bare CR in message";
            return false;
        }

        if (line.IndexOfAny(s_controls) >= 0 && !ControlsAreQuoted(line))
        {
            error = "Control character in message head";
            return false;
        }

        error = string.Empty;
        return true;
    }

    /// <summary>
    /// RFC 3261 §25.1: quoted-pair = "\\" (%x00-09 / %x0B-0C / %x0E-7F), so a control character
    /// may stand in a quoted string right after a backslash (RFC 4475 intmeth), nowhere else.
    /// </summary>
    private static bool ControlsAreQuoted(ReadOnlySpan<byte> line)
    {
        var inQuotes = false;
        for (var i = 0; i < line.Length; i++)
        {
            var b = line[i];
            if (inQuotes && b == (byte)'\\' && i + 1 < line.Length)
            {
                i++;
                continue;
            }

            if (b == (byte)'"')
            {
                inQuotes = !inQuotes;
            }
            else if (s_controls.Contains(b))
            {
                return false;
            }
        }

        return true;
    }

    private static string Decode(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    private static bool Fail(string reason, out SipParseError error)
    {
        error = new SipParseError(reason);
        return false;
    }

    private static byte[] ControlBytes()
    {
        var bytes = new List<byte>(32);
        for (var b = 0; b < 0x20; b++)
        {
            if (b is not '\t' and not '\r')
            {
                bytes.Add((byte)b);
            }
        }

        bytes.Add(0x7F);
        return [.. bytes];
    }

    /// <summary>The header line being read, which folded lines may still extend.</summary>
    private struct PendingField
    {
        public string? Name;
        public int Start;
        public int Length;

        /// <summary>The value once a folded line joined it; until then a range of the bytes.</summary>
        public string? Text;

        public readonly string ValueText(byte[] source) =>
            Text ?? Encoding.UTF8.GetString(source, Start, Length);
    }
}
