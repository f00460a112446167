using Appliance.Storage.Rows;

namespace Appliance.Storage.Web;

/// <summary>The business-hours page's tables: schedules and holidays.</summary>
public sealed partial class WebStore
{
    public IReadOnlyList<BusinessScheduleRow> Schedules() => _database.Schedules();

    public IReadOnlyList<HolidayRow> Holidays() => _database.Holidays();

    /// <summary>Adds or replaces a schedule or holiday row.</summary>
    public void SaveCalendarRow(object row) => _database.SaveCalendarRow(row);

    /// <returns>False when there was no such row.</returns>
    public bool DeleteCalendarRow<T>(string key)
        where T : new() => _database.DeleteCalendarRow<T>(key);
}
