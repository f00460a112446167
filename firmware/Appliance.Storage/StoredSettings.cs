using SQLite;

namespace Appliance.Storage;

/// <summary>
/// Reads rows of table <c>Setting</c> before the box opens its database, for settings the web
/// stores that the service reads at start (the PSTN overrides of <c>/pstn</c>).
/// </summary>
public static class StoredSettings
{
    /// <summary>Every non-empty setting whose key starts with <paramref name="prefix"/> (ordinal),
    /// read without writing; empty when the database or the table does not exist yet.</summary>
    /// <exception cref="SQLiteException">The file is not a database this box can read.</exception>
    public static IReadOnlyDictionary<string, string> ReadPrefixed(string databasePath, string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (!File.Exists(databasePath))
        {
            return new Dictionary<string, string>();
        }

        using var db = new SQLiteConnection(databasePath, SQLiteOpenFlags.ReadOnly);
        if (db.GetTableInfo("Setting").Count == 0)
        {
            return new Dictionary<string, string>();
        }

        return db.Query<Rows.SettingRow>("SELECT * FROM Setting")
            .Where(s => s.Key.StartsWith(prefix, StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(s.Value))
            .ToDictionary(s => s.Key, s => s.Value!, StringComparer.OrdinalIgnoreCase);
    }
}
