using System.Diagnostics.CodeAnalysis;

namespace Appliance.Sip.Auth;

/// <summary>
/// Reads the auth-params of a Digest challenge or credentials (RFC 2617 §3.2.1, §3.2.2):
/// <c>Digest name=token, name="quoted \" string"</c>. Names are case-insensitive.
/// </summary>
internal static class DigestParameters
{
    public static bool TryParse(
        string? header,
        [NotNullWhen(true)] out Dictionary<string, string>? parameters)
    {
        parameters = null;
        if (header is null)
        {
            return false;
        }

        var text = header.AsSpan().Trim();
        if (text.Length < 7
            || !text[..6].Equals("Digest", StringComparison.OrdinalIgnoreCase)
            || text[6] is not (' ' or '\t'))
        {
            return false;
        }

        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        text = text[7..];
        while (true)
        {
            text = text.TrimStart(" \t,");
            if (text.IsEmpty)
            {
                break;
            }

            var eq = text.IndexOf('=');
            if (eq <= 0)
            {
                return false;
            }

            var name = text[..eq].Trim().ToString();
            text = text[(eq + 1)..].TrimStart();
            if (!TryReadValue(ref text, out var value))
            {
                return false;
            }

            result[name] = value;
        }

        parameters = result;
        return true;
    }

    private static bool TryReadValue(ref ReadOnlySpan<char> text, out string value)
    {
        value = string.Empty;
        if (text.IsEmpty || text[0] != '"')
        {
            var comma = text.IndexOf(',');
            var token = comma < 0 ? text : text[..comma];
            value = token.Trim().ToString();
            text = comma < 0 ? default : text[comma..];
            return true;
        }

        var builder = new System.Text.StringBuilder();
        for (var i = 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                builder.Append(text[++i]);
            }
            else if (c == '"')
            {
                value = builder.ToString();
                text = text[(i + 1)..];
                return true;
            }
            else
            {
                builder.Append(c);
            }
        }

        return false;
    }
}
