namespace Appliance.CallCenter.Dialer;

/// <summary>
/// The local window in which a contact may be called, applied in the contact's own time zone
/// (so a campaign spanning zones opens zone by zone). The window is [opens, closes) of local
/// wall-clock time on the allowed days; daylight saving is handled by <see cref="TimeZoneInfo"/>,
/// so the window keeps its local hours across a change. Immutable, so thread safe.
/// </summary>
public sealed class CallingHours
{
    private readonly bool[] _days = new bool[7];

    /// <exception cref="ArgumentException"><paramref name="opens"/> is not before
    /// <paramref name="closes"/> (windows over midnight are not supported), or no day is allowed.</exception>
    public CallingHours(TimeOnly opens, TimeOnly closes, IEnumerable<DayOfWeek>? days = null)
    {
        if (opens >= closes)
        {
            throw new ArgumentException(
                $"Calling hours open at {opens} but close at {closes}.",
                nameof(closes));
        }

        foreach (var day in days ?? Enum.GetValues<DayOfWeek>())
        {
            _days[(int)day] = true;
        }

        if (!_days.Contains(true))
        {
            throw new ArgumentException("Calling hours allow no day.", nameof(days));
        }

        Opens = opens;
        Closes = closes;
    }

    /// <summary>
    /// 08:00 to 21:00 local, every day: the US rule (47 CFR 64.1200(c)(1)) that most other
    /// regulators are stricter than, never looser.
    /// </summary>
    public static CallingHours Default { get; } = new(new TimeOnly(8, 0), new TimeOnly(21, 0));

    public TimeOnly Opens { get; }

    public TimeOnly Closes { get; }

    public bool IsAllowed(DayOfWeek day) => _days[(int)day];

    /// <summary>True when <paramref name="utc"/> is inside the window in <paramref name="zone"/>.</summary>
    public bool IsOpen(DateTimeOffset utc, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(utc, zone).DateTime;
        var time = TimeOnly.FromDateTime(local);
        return _days[(int)local.DayOfWeek] && time >= Opens && time < Closes;
    }

    /// <summary>
    /// <paramref name="utc"/> itself when open, otherwise the first instant the window opens
    /// after it. An opening time that falls in a spring-forward gap moves to the end of the gap;
    /// one that occurs twice (autumn) is the first of the two.
    /// </summary>
    public DateTimeOffset NextOpening(DateTimeOffset utc, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (IsOpen(utc, zone))
        {
            return utc;
        }

        var local = TimeZoneInfo.ConvertTime(utc, zone).DateTime;
        var date = DateOnly.FromDateTime(local);
        if (TimeOnly.FromDateTime(local) >= Opens || !_days[(int)date.DayOfWeek])
        {
            date = date.AddDays(1);
        }

        while (!_days[(int)date.DayOfWeek])
        {
            date = date.AddDays(1);
        }

        return ToUtc(date.ToDateTime(Opens), zone);
    }

    private static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        // A local time in the gap does not exist; the first one that does is the gap's end.
        // Gaps are whole minutes in every IANA zone.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        var offset = zone.IsAmbiguousTime(local)
            ? zone.GetAmbiguousTimeOffsets(local).Max()
            : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
