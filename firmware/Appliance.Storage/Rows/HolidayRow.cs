using SQLite;

namespace Appliance.Storage.Rows;

/// <summary>
/// A day every business-hours schedule is closed and holiday conditions hold (table
/// <c>Holiday</c>), as <c>yyyy-MM-dd</c> in the box's local calendar, with the admin's name for it.
/// </summary>
[Table("Holiday")]
public sealed class HolidayRow
{
    [PrimaryKey]
    public string Date { get; set; } = "";

    [NotNull]
    public string Name { get; set; } = "";
}
