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

    private static bool TryParseCore(ReadOnlySpan<char> text, bool build, out SipNameAddress? address)
    {
        address = null;
        var span = text.Trim();
        ReadOnlySpan<char> displayName = default;
        var quoted = false;
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

        ReadOnlySpan<char> uriText;
        ReadOnlySpan<char> parameters;
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
            if (uriText.IndexOfAny(' ', '\t') >= 0)
            {
                return false;
            }
        }
        else
        {
            var semicolon = span.IndexOf(';');
            uriText = semicolon < 0 ? span : span[..semicolon];
            parameters = semicolon < 0 ? default : span[semicolon..];

            // RFC 3261 §20.10: a URI with a comma, question mark or semicolon must be in
            // brackets; in an addr-spec the semicolon starts the header parameters instead.
            if (uriText.IndexOfAny(',', '?') >= 0)
            {
                return false;
            }
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
