using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Appliance.Sip.Messages;

/// <summary>
/// A sip: or sips: URI (RFC 3261 §19.1): <c>sip:user:password@host:port;params?headers</c>.
/// <see cref="Host"/> keeps the brackets of an IPv6 reference. Parameter names compare
/// case-insensitively. Instances are mutable and not thread safe.
/// </summary>
public sealed class SipUri
{
    // Created on first use: most URIs on the wire have no parameters.
    private Dictionary<string, string?>? _parameters;

    public SipUri(string scheme, string? user, string host, int? port = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(scheme);
        ArgumentException.ThrowIfNullOrEmpty(host);
        Scheme = scheme.ToLowerInvariant();
        User = user;
        Host = host;
        Port = port;
    }

    /// <summary>"sip" or "sips", lower case.</summary>
    public string Scheme { get; }

    /// <summary>The user part as on the wire, %-escapes kept (RFC 3261 §19.1.2).</summary>
    public string? User { get; set; }

    /// <summary>
    /// The user part with its %HH escapes decoded (RFC 3261 §19.1.4 compares URIs so); an escape
    /// that is not two hex digits is kept as written, a decoded %00 is a NUL character.
    /// </summary>
    public string? DecodedUser => User is null ? null : Unescape(User);

    public string? Password { get; set; }

    public string Host { get; set; }

    public int? Port { get; set; }

    /// <summary>URI parameters such as transport or lr; a null value is a parameter without '='.</summary>
    public IDictionary<string, string?> Parameters =>
        _parameters ??= new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The raw header part after '?', without the '?'.</summary>
    public string? Headers { get; set; }

    public static SipUri Parse(string text) =>
        TryParse(text, out var uri) ? uri : throw new FormatException($"'{text}' is not a SIP URI.");

    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out SipUri? uri)
    {
        uri = null;
        return text is not null && TryParseCore(text, build: true, out uri, out _);
    }

    /// <summary>
    /// As <see cref="TryParse"/> but builds nothing, so the parser checks a URI without allocating.
    /// </summary>
    /// <param name="text">The URI text.</param>
    /// <param name="hasHeaders">True when the URI has a header part after '?'.</param>
    internal static bool IsValid(ReadOnlySpan<char> text, out bool hasHeaders) =>
        TryParseCore(text, build: false, out _, out hasHeaders);

    private static bool TryParseCore(
        ReadOnlySpan<char> text,
        bool build,
        out SipUri? uri,
        out bool hasHeaders)
    {
        uri = null;
        hasHeaders = false;
        var span = text.Trim();
        var colon = span.IndexOf(':');
        if (colon <= 0)
        {
            return false;
        }

        var scheme = span[..colon];
        if (!scheme.Equals("sip", StringComparison.OrdinalIgnoreCase)
            && !scheme.Equals("sips", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // RFC 3261 §25.1: the user part may hold '?', ';' and '/' (user-unreserved) and the
        // password '&', '=', '+', '$' and ',', while neither the host, the parameters nor the
        // headers may hold a bare '@'; so the first '@' ends the userinfo (RFC 4475 intmeth).
        var rest = span[(colon + 1)..];
        ReadOnlySpan<char> userInfo = default;
        ReadOnlySpan<char> password = default;
        var hasPassword = false;
        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            userInfo = rest[..at];
            rest = rest[(at + 1)..];
            var userColon = userInfo.IndexOf(':');
            if (userColon >= 0)
            {
                hasPassword = true;
                password = userInfo[(userColon + 1)..];
                userInfo = userInfo[..userColon];
            }

            if (userInfo.IsEmpty || !IsUserText(userInfo))
            {
                return false;
            }
        }

        ReadOnlySpan<char> headers = default;
        var question = rest.IndexOf('?');
        if (question >= 0)
        {
            hasHeaders = true;
            headers = rest[(question + 1)..];
            rest = rest[..question];
        }

        var semicolon = rest.IndexOf(';');
        var hostPort = semicolon < 0 ? rest : rest[..semicolon];
        if (!TryParseHostPort(hostPort, out ReadOnlySpan<char> host, out var port))
        {
            return false;
        }

        var parsed = build
            ? new SipUri(scheme.ToString(), at >= 0 ? userInfo.ToString() : null, host.ToString(), port)
            {
                Password = hasPassword ? password.ToString() : null,
                Headers = hasHeaders ? headers.ToString() : null,
            }
            : null;
        if (semicolon >= 0 && !SipText.TryParseParameters(rest[semicolon..], parsed?.Parameters))
        {
            return false;
        }

        uri = parsed;
        return true;
    }

    /// <summary>Reads <c>host[:port]</c> with an optional IPv6 reference; shared with Via.</summary>
    internal static bool TryParseHostPort(ReadOnlySpan<char> text, out string host, out int? port)
    {
        var valid = TryParseHostPort(text, out ReadOnlySpan<char> hostPart, out port);
        host = valid ? hostPart.ToString() : string.Empty;
        return valid;
    }

    /// <summary>As the other overload, the host as a slice of <paramref name="text"/>.</summary>
    internal static bool TryParseHostPort(ReadOnlySpan<char> text, out ReadOnlySpan<char> host, out int? port)
    {
        host = default;
        port = null;
        text = text.Trim();
        ReadOnlySpan<char> hostPart;
        ReadOnlySpan<char> portPart = default;
        if (text.StartsWith("["))
        {
            var close = text.IndexOf(']');
            if (close < 0)
            {
                return false;
            }

            hostPart = text[..(close + 1)];
            var after = text[(close + 1)..];
            if (!after.IsEmpty)
            {
                if (after[0] != ':')
                {
                    return false;
                }

                portPart = after[1..];
            }

            if (!IsIPv6Reference(hostPart))
            {
                return false;
            }
        }
        else
        {
            var colon = text.IndexOf(':');
            hostPart = colon < 0 ? text : text[..colon];
            if (colon >= 0)
            {
                portPart = text[(colon + 1)..];
            }

            if (!IsHostName(hostPart))
            {
                return false;
            }
        }

        if (text.Length > hostPart.Length)
        {
            if (!int.TryParse(portPart, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                || value is < 1 or > 65535)
            {
                return false;
            }

            port = value;
        }

        host = hostPart;
        return true;
    }

    public override string ToString()
    {
        var builder = new StringBuilder(64);
        builder.Append(Scheme).Append(':');
        if (!string.IsNullOrEmpty(User))
        {
            builder.Append(User);
            if (Password is not null)
            {
                builder.Append(':').Append(Password);
            }

            builder.Append('@');
        }

        builder.Append(Host);
        if (Port is { } port)
        {
            builder.Append(':').Append(port.ToString(CultureInfo.InvariantCulture));
        }

        if (_parameters is not null)
        {
            SipText.AppendParameters(builder, _parameters);
        }
        if (Headers is not null)
        {
            builder.Append('?').Append(Headers);
        }

        return builder.ToString();
    }

    /// <summary>Decodes %HH escapes as UTF-8 (RFC 3986 §2.1); malformed escapes stay as written.</summary>
    public static string Unescape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.IndexOf('%', StringComparison.Ordinal) < 0)
        {
            return text;
        }

        var raw = Encoding.UTF8.GetBytes(text);
        var bytes = new List<byte>(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == (byte)'%' && i + 2 < raw.Length
                && char.IsAsciiHexDigit((char)raw[i + 1]) && char.IsAsciiHexDigit((char)raw[i + 2]))
            {
                bytes.Add((byte)((HexValue(raw[i + 1]) << 4) | HexValue(raw[i + 2])));
                i += 2;
                continue;
            }

            bytes.Add(raw[i]);
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    private static int HexValue(byte digit) =>
        digit <= '9' ? digit - '0' : (digit | 0x20) - 'a' + 10;

    private static bool IsUserText(ReadOnlySpan<char> user)
    {
        // RFC 3261 §25.1 user: unreserved, escaped and user-unreserved characters.
        foreach (var c in user)
        {
            if (c <= ' ' || c is '<' or '>' or '"' or '@' or '\\' or (> '~'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsHostName(ReadOnlySpan<char> host)
    {
        if (host.IsEmpty)
        {
            return false;
        }

        foreach (var c in host)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsIPv6Reference(ReadOnlySpan<char> reference)
    {
        if (reference.Length < 4)
        {
            return false;
        }

        foreach (var c in reference[1..^1])
        {
            if (!(char.IsAsciiHexDigit(c) || c is ':' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
