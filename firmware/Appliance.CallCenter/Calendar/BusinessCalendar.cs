namespace Appliance.CallCenter.Calendar;

/// <summary>
/// The box's business hours: its named weekly schedules and the holidays on which every one of
/// them is closed. Immutable, so a flow run reads one consistent calendar; an edit builds a new
/// one and hands it to the <see cref="Ivr.Flows.IvrFlowLibrary"/>.
/// </summary>
public sealed class BusinessCalendar
{
    /// <param name="schedules">The named weekly schedules.</param>
    /// <param name="holidays">The days every schedule is closed, with their names.</param>
    /// <param name="zone">The zone the hours and holidays are read in; null for the local zone of
    /// the clock a flow run is given.</param>
    public BusinessCalendar(
        IEnumerable<BusinessSchedule> schedules,
        IReadOnlyDictionary<DateOnly, string> holidays,
        TimeZoneInfo? zone = null)
    {
        ArgumentNullException.ThrowIfNull(schedules);
        ArgumentNullException.ThrowIfNull(holidays);
        Schedules = schedules.ToDictionary(s => s.Name, StringComparer.Ordinal);
        Holidays = new Dictionary<DateOnly, string>(holidays);
        Zone = zone;
    }

    /// <summary>A calendar with no schedule and no holiday.</summary>
    public static BusinessCalendar Empty { get; } = new([], new Dictionary<DateOnly, string>());

    public IReadOnlyDictionary<string, BusinessSchedule> Schedules { get; }

    /// <summary>The holidays, each with the name the admin gave it.</summary>
    public IReadOnlyDictionary<DateOnly, string> Holidays { get; }

    /// <summary>The box's time zone, or null to read the hours in the clock's local zone.</summary>
    public TimeZoneInfo? Zone { get; }

    public bool IsHoliday(DateOnly day) => Holidays.ContainsKey(day);

    /// <summary>The wall-clock time of the box at <paramref name="time"/>'s now: in
    /// <see cref="Zone"/>, or the clock's local zone when there is none.</summary>
    public DateTimeOffset LocalNow(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return Zone is { } zone ? TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone) : time.GetLocalNow();
    }

    /// <summary>
    /// True when schedule <paramref name="schedule"/> is open at <paramref name="localTime"/>:
    /// inside its hours for that weekday and not on a holiday. An unknown schedule is closed.
    /// </summary>
    public bool IsOpen(string schedule, DateTime localTime)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return Schedules.TryGetValue(schedule, out var found)
            && !IsHoliday(DateOnly.FromDateTime(localTime))
            && found.IsOpenAt(localTime);
    }
}
