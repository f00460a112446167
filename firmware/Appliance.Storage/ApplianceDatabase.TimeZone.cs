using Appliance.Storage.Rows;

namespace Appliance.Storage;

/// <summary>The box's time zone, which business hours and the reports' days are read in.</summary>
public sealed partial class ApplianceDatabase
{
    /// <summary>
    /// The zone stored under <see cref="SettingRow.TimeZoneKey"/>, or null when none is stored
    /// (a demo box, or one set up before the wizard asked) or it names a zone this machine does
    /// not know (logged), so the caller falls back to the machine's zone.
    /// </summary>
    public TimeZoneInfo? StoredTimeZone()
    {
        var id = GetSetting(SettingRow.TimeZoneKey);
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        if (TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone))
        {
            return zone;
        }

        Log.Warning("The stored time zone {TimeZone} is not known here; the machine's zone is used", id);
        return null;
    }
}
