using System.Globalization;

namespace Appliance.Storage.Web;

/// <summary>What the usage page reads besides the call records: the audit log over a range and
/// the box's time zone.</summary>
public sealed partial class WebStore
{
    /// <summary>Audit entries written between two instants, oldest first.</summary>
    public IReadOnlyList<AuditRow> Audit(DateTimeOffset fromUtc, DateTimeOffset toUtc)
    {
        var from = fromUtc.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        var to = toUtc.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        return _database.Run(db => db.Query<AuditRow>(
            "SELECT * FROM AuditLog WHERE AtUtc >= ? AND AtUtc < ? ORDER BY Id", from, to));
    }

    /// <inheritdoc cref="ApplianceDatabase.StoredTimeZone"/>
    public TimeZoneInfo? StoredTimeZone() => _database.StoredTimeZone();
}
