using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Appliance.Sip.Messages;

/// <summary>
/// Splits a multipart body (RFC 2046 §5.1, as SIP uses it per RFC 5621) into its parts, so that
/// the SDP can be found in, say, a multipart/mixed INVITE carrying ISUP. Nested multiparts are
/// returned as one part; call again on that part to open it. Thread safe (no state).
/// </summary>
public static class SipMultipartBody
{
    /// <summary>Most parts read from one body.</summary>
    public const int MaxParts = 32;

    /// <summary>
    /// Reads the parts of <paramref name="body"/> delimited by the boundary parameter of
    /// <paramref name="contentType"/>. False when the type is not multipart, has no boundary, or
    /// the body has no closing delimiter or too many parts.
    /// </summary>
    public static bool TryParse(
        string? contentType,
        ReadOnlyMemory<byte> body,
        [NotNullWhen(true)] out IReadOnlyList<SipBodyPart>? parts)
    {
        parts = null;
        if (!TryGetBoundary(contentType, out var boundary))
        {
            return false;
        }

        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var span = body.Span;
        var found = new List<SipBodyPart>();

        // The preamble before the first delimiter is ignored (RFC 2046 §5.1.1).
        var start = FindDelimiter(span, delimiter, 0);
        while (start >= 0)
        {
            var after = start + delimiter.Length;
            if (span[after..].StartsWith("--"u8))
            {
                parts = found;
                return true;
            }

            var lineEnd = span[after..].IndexOf("\r\n"u8);
            if (lineEnd < 0 || found.Count == MaxParts)
            {
                return false;
            }

            var partStart = after + lineEnd + 2;
            var next = FindDelimiter(span, delimiter, partStart);
            if (next < 0)
            {
                return false;
            }

            // The CRLF before the next delimiter belongs to the delimiter, not the part.
            var partEnd = Math.Max(partStart, next - 2);
            if (!TryReadPart(body[partStart..partEnd], out var part))
            {
                return false;
            }

            found.Add(part);
            start = next;
        }

        return false;
    }

    private static bool TryGetBoundary(string? contentType, [NotNullWhen(true)] out string? boundary)
    {
        boundary = null;
        if (contentType is null)
        {
            return false;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        var type = (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
        if (!type.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) || semicolon < 0)
        {
            return false;
        }

        var parameters = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (!SipText.TryParseParameters(contentType.AsSpan(semicolon), parameters)
            || !parameters.TryGetValue("boundary", out boundary)
            || string.IsNullOrEmpty(boundary)
            || boundary.Length > 70)
        {
            // RFC 2046 §5.1.1: a boundary is 1 to 70 characters.
            boundary = null;
            return false;
        }

        return true;
    }

    /// <summary>A delimiter counts at the start of the body or right after a CRLF.</summary>
    private static int FindDelimiter(ReadOnlySpan<byte> body, byte[] delimiter, int from)
    {
        while (from <= body.Length - delimiter.Length)
        {
            var index = body[from..].IndexOf(delimiter);
            if (index < 0)
            {
                return -1;
            }

            var at = from + index;
            if (at == 0 || (at >= 2 && body[at - 2] == (byte)'\r' && body[at - 1] == (byte)'\n'))
            {
                return at;
            }

            from = at + 1;
        }

        return -1;
    }

    private static bool TryReadPart(ReadOnlyMemory<byte> part, [NotNullWhen(true)] out SipBodyPart? result)
    {
        result = null;
        var span = part.Span;
        var headers = new List<KeyValuePair<string, string>>();

        // A part with no headers starts with the blank line (RFC 2046 §5.1.1).
        var position = 0;
        while (true)
        {
            var lineEnd = span[position..].IndexOf("\r\n"u8);
            if (lineEnd < 0)
            {
                if (position == span.Length && headers.Count == 0)
                {
                    result = new SipBodyPart(headers, ReadOnlyMemory<byte>.Empty);
                    return true;
                }

                return false;
            }

            var line = span.Slice(position, lineEnd);
            position += lineEnd + 2;
            if (line.IsEmpty)
            {
                break;
            }

            var text = Encoding.UTF8.GetString(line);
            if (text[0] is ' ' or '\t' && headers.Count > 0)
            {
                var (name, value) = headers[^1];
                headers[^1] = new(name, value + " " + text.Trim());
                continue;
            }

            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !SipText.IsToken(text.AsSpan(0, colon).Trim()))
            {
                return false;
            }

            headers.Add(new(text[..colon].Trim(), text[(colon + 1)..].Trim()));
        }

        result = new SipBodyPart(headers, part[position..]);
        return true;
    }
}
