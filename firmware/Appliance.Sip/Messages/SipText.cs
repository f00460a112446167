namespace Appliance.Sip.Messages;

/// <summary>Small lexical helpers shared by the header value parsers (RFC 3261 §25.1).</summary>
internal static class SipText
{
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

    public static bool HasLineBreak(string value) => value.AsSpan().IndexOfAny('\r', '\n') >= 0;

    /// <summary>Splits a list header value at commas outside quotes and angle brackets.</summary>
    public static void SplitList(string value, List<string> into)
    {
        var start = 0;
        var inQuotes = false;
        var inAngle = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
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
            else if (c == '<')
            {
                inAngle = true;
            }
            else if (c == '>')
            {
                inAngle = false;
            }
            else if (c == ',' && !inAngle)
            {
                AddTrimmed(value, start, i, into);
                start = i + 1;
            }
        }

        AddTrimmed(value, start, value.Length, into);
    }

    /// <summary>
    /// Reads <c>;name[=value]</c> pairs (values may be quoted) into <paramref name="into"/>.
    /// Returns false on an empty or malformed name.
    /// </summary>
    public static bool TryParseParameters(ReadOnlySpan<char> text, IDictionary<string, string?> into)
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
        var inQuotes = false;
        for (var i = 0; i < text.Length; i++)
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
            else if (c == ';')
            {
                return i;
            }
        }

        return inQuotes ? -1 : text.Length;
    }

    private static void AddTrimmed(string value, int start, int end, List<string> into)
    {
        var part = value.AsSpan(start, end - start).Trim();
        if (!part.IsEmpty)
        {
            into.Add(part.ToString());
        }
    }
}
