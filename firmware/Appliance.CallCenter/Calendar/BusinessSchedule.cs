namespace Appliance.CallCenter.Calendar;

/// <summary>
/// The weekly opening hours of one named schedule ("office", "support-line"); a day missing
/// from <see cref="Week"/> or with no ranges is closed. Holidays are the calendar's, not the
/// schedule's: see <see cref="BusinessCalendar.IsOpen"/>.
/// </summary>
public sealed record BusinessSchedule(string Name, IReadOnlyDictionary<DayOfWeek, IReadOnlyList<OpeningHours>> Week)
{
    /// <summary>True when <paramref name="localTime"/> falls in one of its day's ranges.</summary>
    public bool IsOpenAt(DateTime localTime)
    {
        if (!Week.TryGetValue(localTime.DayOfWeek, out var hours))
        {
            return false;
        }

        var timeOfDay = localTime.TimeOfDay;
        foreach (var range in hours)
        {
            if (range.Contains(timeOfDay))
            {
                return true;
            }
        }

        return false;
    }
}
