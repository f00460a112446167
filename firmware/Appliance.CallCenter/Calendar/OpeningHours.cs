using System.Globalization;

namespace Appliance.CallCenter.Calendar;

/// <summary>
/// One stretch of a day a schedule is open, from <see cref="From"/> up to but not including
/// <see cref="To"/>, both as the time since midnight; <see cref="To"/> may be 24:00 (the end of
/// the day), so a day open throughout is 00:00-24:00.
/// </summary>
public readonly record struct OpeningHours(TimeSpan From, TimeSpan To)
{
    private static readonly TimeSpan s_endOfDay = TimeSpan.FromHours(24);

    public bool Contains(TimeSpan timeOfDay) => timeOfDay >= From && timeOfDay < To;

    public override string ToString() => $"{Format(From)}-{Format(To)}";

    /// <summary>
    /// Reads one day's hours as an admin writes them: ranges such as <c>09:00-12:30, 13:30-18:00</c>
    /// in order and not overlapping; empty text (or <c>closed</c>) is a closed day.
    /// </summary>
    /// <param name="text">One day's ranges.</param>
    /// <param name="hours">The ranges read, in order; empty for a closed day.</param>
    /// <param name="error">What is wrong, naming the range, when this returns false.</param>
    public static bool TryParseDay(string? text, out IReadOnlyList<OpeningHours> hours, out string error)
    {
        var list = new List<OpeningHours>();
        hours = list;
        error = string.Empty;
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length == 0 || trimmed.Equals("closed", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var part in trimmed.Split(',', StringSplitOptions.TrimEntries))
        {
            var ends = part.Split('-', StringSplitOptions.TrimEntries);
            if (ends.Length != 2 || !TryParseTime(ends[0], out var from) || !TryParseTime(ends[1], out var to))
            {
                error = $"'{part}' is not a range like 09:00-17:30.";
                return false;
            }

            if (from >= to)
            {
                error = $"'{part}' ends before it starts; a day runs from 00:00 to 24:00.";
                return false;
            }

            if (list.Count > 0 && from < list[^1].To)
            {
                error = $"'{part}' starts before the range ahead of it ends.";
                return false;
            }

            list.Add(new OpeningHours(from, to));
        }

        return true;
    }

    /// <summary>The text <see cref="TryParseDay"/> reads back into <paramref name="hours"/>.</summary>
    public static string FormatDay(IReadOnlyList<OpeningHours> hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        return hours.Count == 0 ? "closed" : string.Join(", ", hours);
    }

    private static bool TryParseTime(string text, out TimeSpan time)
    {
        time = default;
        if (text == "24:00")
        {
            time = s_endOfDay;
            return true;
        }

        if (!TimeOnly.TryParseExact(text, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None,
                out var parsed))
        {
            return false;
        }

        time = parsed.ToTimeSpan();
        return true;
    }

    private static string Format(TimeSpan time) =>
        time == s_endOfDay ? "24:00" : time.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
}
