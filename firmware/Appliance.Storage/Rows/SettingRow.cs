using SQLite;

namespace Appliance.Storage.Rows;

/// <summary>
/// A key/value fact about the database itself (table <c>Setting</c>), such as which seed
/// profile was applied (<c>seed</c> = <c>demo</c>).
/// </summary>
[Table("Setting")]
public sealed class SettingRow
{
    public const string SeedKey = "seed";

    /// <summary>The box's time zone, an IANA id the setup wizard stores (<c>Europe/Paris</c>).</summary>
    public const string TimeZoneKey = "web.timeZone";

    /// <summary>Set to <c>true</c> once by the setup wizard (or the demo seed); never cleared, so
    /// the wizard stays closed whatever happens to the users afterwards.</summary>
    public const string SetupDoneKey = "web.setupDone";

    [PrimaryKey]
    public string Key { get; set; } = "";

    public string? Value { get; set; }
}
