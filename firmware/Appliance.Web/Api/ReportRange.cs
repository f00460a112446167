using System.Globalization;
using Appliance.Storage.Web;

namespace Appliance.Web.Api;

/// <summary>
/// A range of whole days in the box's time zone (<see cref="WebStore.StoredTimeZone"/>, else the
/// clock's local zone), both days included, as the reports and the usage page take it from their
/// <c>from</c> and <c>to</c> fields: a missing <c>from</c> is today, a missing <c>to</c> is
/// <c>from</c>.
/// </summary>
internal sealed record ReportRange(DateOnly Start, DateOnly End, TimeZoneInfo Zone)
{
    /// <summary>The longest range one report covers.</summary>
    public const int MaxDays = 366;

    /// <summary>The first day a report or forecast may name: no record is older, and a day far
    /// before it would not convert to UTC in a zone east of Greenwich.</summary>
    public static readonly DateOnly EarliestDay = new(1970, 1, 1);

    /// <summary>The last day a report may name, so that the day after it still exists.</summary>
    public static readonly DateOnly LatestDay = new(9998, 12, 31);

    /// <summary>The first instant of <see cref="Start"/> in <see cref="Zone"/>.</summary>
    public DateTimeOffset FromUtc => StartOfDayUtc(Start, Zone);

    /// <summary>The first instant after <see cref="End"/> in <see cref="Zone"/>.</summary>
    public DateTimeOffset ToUtc => StartOfDayUtc(End.AddDays(1), Zone);

    /// <summary>The box's zone: the stored one, else the clock's local zone.</summary>
    public static TimeZoneInfo ZoneOf(WebStore store, TimeProvider time) =>
        store.StoredTimeZone() ?? time.LocalTimeZone;

    /// <summary>
    /// Reads the range; a day that is not yyyy-MM-dd is named by its field, as is a range that ends
    /// before it starts or spans more than <see cref="MaxDays"/> days (<c>to</c>).
    /// </summary>
    /// <returns>The range, or null with <paramref name="errors"/> filled in.</returns>
    public static ReportRange? Read(
        FieldErrors errors,
        string? from,
        string? to,
        TimeZoneInfo zone,
        TimeProvider time)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
        var start = Day(errors, "from", from) ?? today;
        var end = Day(errors, "to", to) ?? start;
        if (!errors.Any && end < start)
        {
            errors.Add("to", $"{end:yyyy-MM-dd} is before from {start:yyyy-MM-dd}");
        }
        else if (!errors.Any && end.DayNumber - start.DayNumber >= MaxDays)
        {
            errors.Add("to", $"a report covers at most {MaxDays} days");
        }

        return errors.Any ? null : new ReportRange(start, end, zone);
    }

    /// <summary>
    /// Midnight of <paramref name="day"/> in <paramref name="zone"/> as UTC; where the clocks skip
    /// midnight (a daylight-saving change at 00:00), the day starts at the first minute that exists.
    /// </summary>
    public static DateTimeOffset StartOfDayUtc(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }

    private static DateOnly? Day(FieldErrors errors, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None,
                out var day))
        {
            if (day < EarliestDay || day > LatestDay)
            {
                errors.Add(field, $"'{text}' is outside {EarliestDay:yyyy-MM-dd} to {LatestDay:yyyy-MM-dd}");
                return null;
            }

            return day;
        }

        errors.Add(field, $"'{text}' is not a day like 2026-12-03");
        return null;
    }
}
