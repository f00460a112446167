using System.Globalization;
using Appliance.CallCenter.Calendar;
using Appliance.Storage.Rows;

namespace Appliance.Storage;

/// <summary>The business-hours schedules and holidays IVR flow conditions read.</summary>
public sealed partial class ApplianceDatabase
{
    /// <summary>The format of <see cref="HolidayRow.Date"/>.</summary>
    public const string HolidayDateFormat = "yyyy-MM-dd";

    /// <summary>Every stored schedule, ordered by name.</summary>
    public IReadOnlyList<BusinessScheduleRow> Schedules()
        => Run(db => db.Table<BusinessScheduleRow>().OrderBy(s => s.Name).ToList());

    /// <summary>Every stored holiday, ordered by date.</summary>
    public IReadOnlyList<HolidayRow> Holidays()
        => Run(db => db.Table<HolidayRow>().OrderBy(h => h.Date).ToList());

    /// <summary>Adds or replaces a schedule or a holiday row.</summary>
    public void SaveCalendarRow(object row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row is not (BusinessScheduleRow or HolidayRow))
        {
            throw new ArgumentException($"{row.GetType().Name} is not a calendar row.", nameof(row));
        }

        Run(db => db.InsertOrReplace(row));
    }

    /// <summary>Removes a schedule (by name) or a holiday (by date).</summary>
    /// <returns>False when there was no such row.</returns>
    public bool DeleteCalendarRow<T>(string key)
        where T : new()
    {
        ArgumentNullException.ThrowIfNull(key);
        return Run(db => db.Delete<T>(key)) > 0;
    }

    /// <summary>The stored schedules and holidays as the flows read them, in the box's time zone
    /// (<see cref="StoredTimeZone"/>; the machine's when none is stored).</summary>
    /// <exception cref="InvalidDataException">A row's day or date cannot be read, naming table,
    /// row and field.</exception>
    public BusinessCalendar Calendar()
    {
        var schedules = Schedules().Select(row =>
        {
            var week = new Dictionary<DayOfWeek, IReadOnlyList<OpeningHours>>();
            foreach (var day in Enum.GetValues<DayOfWeek>())
            {
                if (!OpeningHours.TryParseDay(row.Day(day), out var hours, out var error))
                {
                    throw StoredDataError.Create("BusinessSchedule", row.Name, day.ToString(), error);
                }

                week[day] = hours;
            }

            return new BusinessSchedule(row.Name, week);
        }).ToList();

        var holidays = new Dictionary<DateOnly, string>();
        foreach (var row in Holidays())
        {
            if (!DateOnly.TryParseExact(row.Date, HolidayDateFormat, CultureInfo.InvariantCulture,
                    DateTimeStyles.None, out var date))
            {
                throw StoredDataError.Create("Holiday", row.Date, nameof(row.Date), "is not a date like 2026-12-25.");
            }

            holidays[date] = row.Name;
        }

        return new BusinessCalendar(schedules, holidays, StoredTimeZone());
    }
}
