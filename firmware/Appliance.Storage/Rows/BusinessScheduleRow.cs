using SQLite;

namespace Appliance.Storage.Rows;

/// <summary>
/// One named weekly schedule of business hours (table <c>BusinessSchedule</c>): for each day the
/// open ranges as an admin writes them (<c>09:00-12:30, 13:30-18:00</c>), <c>closed</c> or empty
/// for a closed day. IVR flow conditions name it in their <c>schedule</c> field.
/// </summary>
[Table("BusinessSchedule")]
public sealed class BusinessScheduleRow
{
    [PrimaryKey]
    public string Name { get; set; } = "";

    public string Monday { get; set; } = "";

    public string Tuesday { get; set; } = "";

    public string Wednesday { get; set; } = "";

    public string Thursday { get; set; } = "";

    public string Friday { get; set; } = "";

    public string Saturday { get; set; } = "";

    public string Sunday { get; set; } = "";

    /// <summary>The text of one weekday's column.</summary>
    public string Day(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => Monday,
        DayOfWeek.Tuesday => Tuesday,
        DayOfWeek.Wednesday => Wednesday,
        DayOfWeek.Thursday => Thursday,
        DayOfWeek.Friday => Friday,
        DayOfWeek.Saturday => Saturday,
        _ => Sunday,
    };
}
