namespace Appliance.Sip.Messages;

/// <summary>Small lexical helpers shared by the header value parsers (RFC 3261 §25.1).</summary>
internal static class SipText
{
    private static readonly string[] s_methods =
    [
        "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "INFO", "UPDATE", "REFER", "NOTIFY",
        "SUBSCRIBE", "MESSAGE", "PRACK", "PUBLISH",
    ];

    public static bool IsTokenChar(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
            or '-' or '.' or '!' or '%' or '*' or '_' or '+' or '`' or '\'' or '~';

    public static bool IsToken(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!IsTokenChar(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The shared string of a method we meet often (compared case-sensitively, RFC 3261 §7.1), so
    /// that reading one costs no allocation; null for any other.
    /// </summary>
    public static string? KnownMethod(ReadOnlySpan<char> method)
    {
        foreach (var known in s_methods)
        {
            if (method.SequenceEqual(known))
            {
                return known;
            }
        }

        return null;
    }

    public static bool HasLineBreak(string value) => value.AsSpan().IndexOfAny('\r', '\n') >= 0;

    /// <summary>Splits a list header value at commas outside quotes and angle brackets.</summary>
    public static void SplitList(string value, List<string> into)
    {
        var position = 0;
        while (TryReadListItem(value, ref position, out var item))
        {
            into.Add(item.ToString());
        }
    }

    /// <summary>
    /// Reads the next item of a list header value from <paramref name="position"/>, trimmed, as
    /// <see cref="SplitList"/> splits it; empty items are passed over. False past the last item.
    /// </summary>
    public static bool TryReadListItem(ReadOnlySpan<char> value, ref int position, out ReadOnlySpan<char> item)
    {
        while (position <= value.Length)
        {
            var start = position;
            var end = FindListComma(value, start);
            position = end + 1;
            item = value[start..end].Trim();
            if (!item.IsEmpty)
            {
                return true;
            }
        }

        item = default;
        return false;
    }

    /// <summary>
    /// Reads <c>;name[=value]</c> pairs (values may be quoted) into <paramref name="into"/>, or
    /// only checks them when it is null. Returns false on an empty or malformed name.
    /// </summary>
    public static bool TryParseParameters(ReadOnlySpan<char> text, IDictionary<string, string?>? into)
    {
        text = text.Trim();
        while (!text.IsEmpty)
        {
            if (text[0] != ';')
            {
                return false;
            }

            text = text[1..].TrimStart();
            var end = FindParameterEnd(text);
            if (end < 0)
            {
                return false;
            }

            var pair = text[..end];
            text = text[end..].TrimStart();
            var eq = pair.IndexOf('=');
            var name = (eq < 0 ? pair : pair[..eq]).Trim();
            if (!IsToken(name))
            {
                return false;
            }

            if (into is null)
            {
                continue;
            }

            string? value = null;
            if (eq >= 0)
            {
                var raw = pair[(eq + 1)..].Trim();
                value = raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"' ? Unquote(raw) : raw.ToString();
            }

            into[name.ToString()] = value;
        }

        return true;
    }

    public static void AppendParameters(
        System.Text.StringBuilder builder,
        IDictionary<string, string?> parameters)
    {
        foreach (var (name, value) in parameters)
        {
            builder.Append(';').Append(name);
            if (value is null)
            {
                continue;
            }

            builder.Append('=');
            if (value.Length > 0 && IsToken(value) || IsHostLike(value))
            {
                builder.Append(value);
            }
            else
            {
                AppendQuoted(builder, value);
            }
        }
    }

    public static void AppendQuoted(System.Text.StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        builder.Append('"');
    }

    public static string Unquote(ReadOnlySpan<char> quoted)
    {
        var inner = quoted[1..^1];
        if (inner.IndexOf('\\') < 0)
        {
            return inner.ToString();
        }

        var builder = new System.Text.StringBuilder(inner.Length);
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '\\' && i + 1 < inner.Length)
            {
                i++;
            }

            builder.Append(inner[i]);
        }

        return builder.ToString();
    }

    private static bool IsHostLike(string value)
    {
        foreach (var c in value)
        {
            if (!(IsTokenChar(c) || c is ':' or '[' or ']'))
            {
                return false;
            }
        }

        return value.Length > 0;
    }

    private static int FindParameterEnd(ReadOnlySpan<char> text)
    {
        var end = FindSeparator(text, 0, ';', outsideAngles: false, out var quoteOpen);
        return quoteOpen ? -1 : end;
    }

    /// <summary>The first comma from <paramref name="start"/> outside quotes and angle brackets.</summary>
    private static int FindListComma(ReadOnlySpan<char> value, int start) =>
        FindSeparator(value, start, ',', outsideAngles: true, out _);

    /// <summary>
    /// The first <paramref name="separator"/> from <paramref name="start"/> outside quoted
    /// strings (and angle brackets when asked), or the length of the text when there is none.
    /// </summary>
    private static int FindSeparator(
        ReadOnlySpan<char> text,
        int start,
        char separator,
        bool outsideAngles,
        out bool quoteOpen)
    {
        var inQuotes = false;
        var inAngle = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }
            }
            else if (c == '"')
            {
                inQuotes = true;
            }
            else if (outsideAngles && c == '<')
            {
                inAngle = true;
            }
            else if (outsideAngles && c == '>')
            {
                inAngle = false;
            }
            else if (c == separator && !inAngle)
            {
                quoteOpen = false;
                return i;
            }
        }

        quoteOpen = inQuotes;
        return text.Length;
    }
}
