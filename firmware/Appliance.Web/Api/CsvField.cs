using System.Buffers;

namespace Appliance.Web.Api;

/// <summary>One field of the CSV export.</summary>
internal static class CsvField
{
    private static readonly SearchValues<char> s_quoted = SearchValues.Create(",\"\r\n");
    private static readonly SearchValues<char> s_digits = SearchValues.Create("0123456789");

    /// <summary>
    /// RFC 4180 §2: a field with a comma, quote or line break is quoted, quotes doubled. A leading
    /// = or @, or a + or - not followed by digits only, is prefixed with ' so a spreadsheet does
    /// not run the field as a formula; a number such as +33123 stays as it is.
    /// </summary>
    public static string Escape(string? value)
    {
        var text = value ?? string.Empty;
        if (text.Length > 0 && (text[0] is '=' or '@'
            || (text[0] is '+' or '-' && text.AsSpan(1).ContainsAnyExcept(s_digits))))
        {
            text = "'" + text;
        }

        return text.AsSpan().IndexOfAny(s_quoted) >= 0
            ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;
    }
}
