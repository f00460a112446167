using System.Globalization;

namespace Appliance.Drivers.Gsm;

/// <summary>Reading the fields of AT response lines (TS 27.007 §4.1 syntax).</summary>
internal static class AtText
{
    /// <summary>The text after "+XYZ: ", or empty.</summary>
    public static string After(string? line)
    {
        if (line is null)
        {
            return string.Empty;
        }

        var colon = line.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? string.Empty : line[(colon + 1)..].Trim();
    }

    /// <summary>The n-th quoted string of a line (0 first), or null.</summary>
    public static string? Quoted(string? line, int index)
    {
        if (line is null)
        {
            return null;
        }

        var start = -1;
        var found = 0;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] != '"')
            {
                continue;
            }

            if (start < 0)
            {
                start = i + 1;
                continue;
            }

            if (found++ == index)
            {
                return line[start..i];
            }

            start = -1;
        }

        return null;
    }

    public static int? FirstInt(string? line)
    {
        var fields = After(line).Split(',');
        return int.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
    }

    /// <summary>+CREG: [n,]stat — the solicited answer carries the mode first, the URC not.</summary>
    public static GsmRegistration Registration(string? line)
    {
        var fields = After(line).Split(',');
        var text = fields.Length >= 2 && !fields[1].StartsWith('"') ? fields[1] : fields[0];
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var stat)
            && stat is >= 0 and <= 5
            ? (GsmRegistration)stat
            : GsmRegistration.Unknown;
    }

    /// <summary>TS 27.007 §8.5: rssi 0 is -113 dBm or less, 31 is -51 dBm or more, 99 unknown.</summary>
    public static int? SignalDbm(string? line) =>
        FirstInt(line) is { } rssi and >= 0 and <= 31 ? -113 + (2 * rssi) : null;

    public static void CheckDialString(string number, string parameterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(number, parameterName);
        if (number.Length > 31 || number.Any(c => !char.IsAsciiDigit(c) && c is not ('*' or '#' or '+')))
        {
            throw new ArgumentException($"'{number}' is not a number to dial.", parameterName);
        }
    }
}
