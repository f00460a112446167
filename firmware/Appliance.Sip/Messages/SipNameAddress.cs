using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Appliance.Sip.Messages;

/// <summary>
/// A name-addr or addr-spec with header parameters, as in From, To and Contact
/// (RFC 3261 §20.10, §25.1). Without angle brackets every ';' parameter belongs to the header,
/// not the URI. <see cref="ToString"/> always writes angle brackets. Not thread safe.
/// </summary>
public sealed class SipNameAddress
{
    public SipNameAddress(SipUri uri, string? displayName = null)
    {
        ArgumentNullException.ThrowIfNull(uri);
        Uri = uri;
        DisplayName = displayName;
    }

    public string? DisplayName { get; set; }

    public SipUri Uri { get; set; }

    /// <summary>Header parameters such as tag or expires; names compare case-insensitively.</summary>
    public IDictionary<string, string?> Parameters { get; } =
        new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The tag parameter (RFC 3261 §19.3); setting null removes it.</summary>
    public string? Tag
    {
        get => Parameters.TryGetValue("tag", out var tag) ? tag : null;
        set
        {
            if (value is null)
            {
                Parameters.Remove("tag");
            }
            else
            {
                Parameters["tag"] = value;
            }
        }
    }

    public static SipNameAddress Parse(string text) =>
        TryParse(text, out var address)
            ? address
            : throw new FormatException($"'{text}' is not a name-addr.");

    public static bool TryParse(
        [NotNullWhen(true)] string? text,
        [NotNullWhen(true)] out SipNameAddress? address)
    {
        address = null;
        return text is not null && TryParseCore(text, build: true, out address);
    }

    /// <summary>
    /// As <see cref="TryParse"/> but builds nothing, so the parser checks without allocating.
    /// </summary>
    internal static bool IsValid(ReadOnlySpan<char> text) => TryParseCore(text, build: false, out _);

    /// <summary>
    /// Whether <paramref name="text"/> is a well-formed name-addr or addr-spec whose URI has a
    /// scheme other than sip or sips (RFC 3261 §25.1 absoluteURI: From and To may carry any URI,
    /// such as RFC 4475 §3.3.15's <c>isbn:</c> and <c>http:</c>). Such a header is kept as written;
    /// <see cref="TryParse"/> refuses it, since nothing can be routed or matched by it.
    /// </summary>
    public static bool IsOtherSchemeAddress([NotNullWhen(true)] string? text) =>
        text is not null && IsOtherSchemeAddress(text.AsSpan());

    /// <inheritdoc cref="IsOtherSchemeAddress(string?)"/>
    internal static bool IsOtherSchemeAddress(ReadOnlySpan<char> text) =>
        TrySplit(text, out _, out _, out var uriText, out var parameters)
        && IsOtherSchemeUri(uriText)
        && SipText.TryParseParameters(parameters, null);

    /// <summary>
    /// <paramref name="text"/> with a tag parameter <paramref name="tag"/> added when it has none
    /// (RFC 3261 §8.2.6.2), whether its URI is sip or another scheme; other text as it is.
    /// </summary>
    internal static string WithTag(string text, string tag)
    {
        if (TryParse(text, out var address))
        {
            if (address.Tag is not null)
            {
                return text;
            }

            address.Tag = tag;
            return address.ToString();
        }

        var parameters = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var other = TrySplit(text, out _, out _, out var uriText, out var parameterText)
            && IsOtherSchemeUri(uriText)
            && SipText.TryParseParameters(parameterText, parameters);
        return other && !parameters.ContainsKey("tag") ? $"{text.TrimEnd()};tag={tag}" : text;
    }

    private static bool TryParseCore(ReadOnlySpan<char> text, bool build, out SipNameAddress? address)
    {
        address = null;
        if (!TrySplit(text, out var displayName, out var quoted, out var uriText, out var parameters))
        {
            return false;
        }

        if (!build)
        {
            return SipUri.IsValid(uriText, out _) && SipText.TryParseParameters(parameters, null);
        }

        if (!SipUri.TryParse(uriText.ToString(), out var uri))
        {
            return false;
        }

        var name = quoted ? SipText.Unquote(displayName) : displayName.ToString();
        var parsed = new SipNameAddress(uri, string.IsNullOrEmpty(name) ? null : name);
        if (!SipText.TryParseParameters(parameters, parsed.Parameters))
        {
            return false;
        }

        address = parsed;
        return true;
    }

    /// <summary>
    /// Splits a name-addr or addr-spec into its display name (quoted or not), URI and header
    /// parameters, checking the punctuation between them.
    /// </summary>
    private static bool TrySplit(
        ReadOnlySpan<char> text,
        out ReadOnlySpan<char> displayName,
        out bool quoted,
        out ReadOnlySpan<char> uriText,
        out ReadOnlySpan<char> parameters)
    {
        displayName = default;
        quoted = false;
        uriText = default;
        parameters = default;
        var span = text.Trim();
        if (span.StartsWith("\""))
        {
            var close = FindClosingQuote(span);
            if (close < 0)
            {
                return false;
            }

            quoted = true;
            displayName = span[..(close + 1)];
            span = span[(close + 1)..].TrimStart();
            if (!span.StartsWith("<"))
            {
                return false;
            }
        }

        var open = span.IndexOf('<');
        if (open >= 0)
        {
            if (!quoted && open > 0)
            {
                // RFC 3261 §25.1: an unquoted display-name is tokens and LWS (RFC 4475 baddn).
                displayName = span[..open].Trim();
                if (!IsTokenList(displayName))
                {
                    return false;
                }
            }

            var close = span.IndexOf('>');
            if (close < open)
            {
                return false;
            }

            // LAQUOT and RAQUOT take no whitespace inside the brackets (RFC 4475 badaspec).
            uriText = span[(open + 1)..close];
            parameters = span[(close + 1)..];
            return uriText.IndexOfAny(' ', '\t') < 0;
        }

        var semicolon = span.IndexOf(';');
        uriText = semicolon < 0 ? span : span[..semicolon];
        parameters = semicolon < 0 ? default : span[semicolon..];

        // RFC 3261 §20.10: a URI with a comma, question mark or semicolon must be in
        // brackets; in an addr-spec the semicolon starts the header parameters instead.
        return uriText.IndexOfAny(',', '?') < 0;
    }

    /// <summary>
    /// RFC 3261 §25.1 absoluteURI of a scheme other than sip and sips: scheme (ALPHA, then ALPHA,
    /// DIGIT, '+', '-' or '.'), ':', and at least one character, none of them whitespace,
    /// quotes or angle brackets.
    /// </summary>
    private static bool IsOtherSchemeUri(ReadOnlySpan<char> uri)
    {
        var colon = uri.IndexOf(':');
        if (colon <= 0 || colon == uri.Length - 1 || !char.IsAsciiLetter(uri[0]))
        {
            return false;
        }

        var scheme = uri[..colon];
        if (scheme.Equals("sip", StringComparison.OrdinalIgnoreCase)
            || scheme.Equals("sips", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        foreach (var c in scheme)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        foreach (var c in uri[(colon + 1)..])
        {
            if (c <= ' ' || c is '"' or '<' or '>' or '\x7f')
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString()
    {
        var builder = new StringBuilder(96);
        if (!string.IsNullOrEmpty(DisplayName))
        {
            SipText.AppendQuoted(builder, DisplayName);
            builder.Append(' ');
        }

        builder.Append('<').Append(Uri.ToString()).Append('>');
        SipText.AppendParameters(builder, Parameters);
        return builder.ToString();
    }

    private static bool IsTokenList(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!SipText.IsTokenChar(c) && c is not (' ' or '\t'))
            {
                return false;
            }
        }

        return true;
    }

    private static int FindClosingQuote(ReadOnlySpan<char> text)
    {
        for (var i = 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '"')
            {
                return i;
            }
        }

        return -1;
    }
}
