namespace Appliance.CallCenter.Calendar;

/// <summary>
/// The box's business hours: its named weekly schedules and the holidays on which every one of
/// them is closed. Immutable, so a flow run reads one consistent calendar; an edit builds a new
/// one and hands it to the <see cref="Ivr.Flows.IvrFlowLibrary"/>.
/// </summary>
public sealed class BusinessCalendar
{
    public BusinessCalendar(IEnumerable<BusinessSchedule> schedules, IReadOnlyDictionary<DateOnly, string> holidays)
    {
        ArgumentNullException.ThrowIfNull(schedules);
        ArgumentNullException.ThrowIfNull(holidays);
        Schedules = schedules.ToDictionary(s => s.Name, StringComparer.Ordinal);
        Holidays = new Dictionary<DateOnly, string>(holidays);
    }

    /// <summary>A calendar with no schedule and no holiday.</summary>
    public static BusinessCalendar Empty { get; } = new([], new Dictionary<DateOnly, string>());

    public IReadOnlyDictionary<string, BusinessSchedule> Schedules { get; }

    /// <summary>The holidays, each with the name the admin gave it.</summary>
    public IReadOnlyDictionary<DateOnly, string> Holidays { get; }

    public bool IsHoliday(DateOnly day) => Holidays.ContainsKey(day);

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
