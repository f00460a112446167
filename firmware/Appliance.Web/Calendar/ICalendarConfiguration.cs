namespace Appliance.Web.Calendar;

/// <summary>
/// Tells the call center that the stored business-hours schedules or holidays changed, so the
/// IVR flow conditions of the next call read them. Calls already in a flow keep the calendar
/// they started with.
/// </summary>
public interface ICalendarConfiguration
{
    /// <summary>True when <see cref="Apply"/> reaches the running box; false when a stored change
    /// waits for the next start of the service.</summary>
    bool AppliesAtOnce { get; }

    /// <summary>Reads the stored calendar and, when every running flow still finds the schedules
    /// it names, makes it the one the next call reads.</summary>
    /// <returns>Null when it was taken; otherwise what is wrong, naming the flow and node.</returns>
    string? Apply();
}
