using Appliance.Storage.Rows;

namespace Appliance.Storage.Web;

/// <summary>The configuration backup: every configuration table out, and back in one transaction.</summary>
public sealed partial class WebStore
{
    /// <summary>The keys of table <c>Setting</c> a backup carries: what an admin sets, not what
    /// the box notes about itself (the seed profile, the setup state, health checks).</summary>
    public static readonly IReadOnlySet<string> BackedUpSettings = new HashSet<string>(StringComparer.Ordinal)
    {
        "web.timeZone",
    };

    /// <summary>Every configuration row, read in one go under the lock.</summary>
    public ConfigurationBackup Export() => _database.Run(db => new ConfigurationBackup
    {
        Extensions = db.Table<ExtensionRow>().OrderBy(e => e.Number).ToList(),
        Trunks = db.Table<TrunkRow>().OrderBy(t => t.Name).ToList(),
        Dids = db.Table<DidRow>().OrderBy(d => d.Number).ToList(),
        Queues = db.Table<QueueRow>().OrderBy(q => q.Name).ToList(),
        Members = db.Table<QueueMemberRow>().OrderBy(m => m.Id).ToList(),
        Menus = db.Table<IvrMenuRow>().OrderBy(m => m.Name).ToList(),
        Skills = db.Table<AgentSkillRow>().OrderBy(s => s.Id).ToList(),
        Reasons = db.Table<NotReadyReasonRow>().OrderBy(r => r.Code).ToList(),
        Dispositions = db.Table<DispositionCodeRow>().OrderBy(c => c.Code).ToList(),
        Schedules = db.Table<BusinessScheduleRow>().OrderBy(s => s.Name).ToList(),
        Holidays = db.Table<HolidayRow>().OrderBy(h => h.Date).ToList(),
        RecordingPolicies = db.Table<RecordingPolicyRow>().OrderBy(p => p.Queue).ToList(),
        Flows = db.Table<IvrFlowRow>().OrderBy(f => f.Name).ToList(),
        Settings = db.Table<SettingRow>().ToList()
            .Where(s => BackedUpSettings.Contains(s.Key))
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .ToList(),
    });

    /// <summary>
    /// Replaces the configuration tables by <paramref name="backup"/> in one transaction: on any
    /// failure the old configuration stays. Table <c>IvrFlow</c> is not touched (see
    /// <see cref="ConfigurationBackup.Flows"/>); settings outside <see cref="BackedUpSettings"/> are
    /// ignored.
    /// </summary>
    /// <exception cref="InvalidDataException">The backup is of a format version this box does
    /// not know.</exception>
    public void Import(ConfigurationBackup backup)
    {
        ArgumentNullException.ThrowIfNull(backup);
        if (backup.Version is < 1 or > ConfigurationBackup.CurrentVersion)
        {
            throw new InvalidDataException(
                $"Backup format version {backup.Version} is not one this box reads (1 to {ConfigurationBackup.CurrentVersion}).");
        }

        try
        {
            ImportRows(backup);
        }
        catch (SQLite.SQLiteException ex)
        {
            // The transaction is rolled back: the old configuration stays.
            throw new InvalidDataException($"The database refused the file's rows: {ex.Message}.", ex);
        }
    }

    private void ImportRows(ConfigurationBackup backup)
    {
        _database.Run(db =>
        {
            db.RunInTransaction(() =>
            {
                Replace(db, backup.Extensions);
                Replace(db, backup.Trunks);
                Replace(db, backup.Dids);
                Replace(db, backup.Queues);
                Replace(db, backup.Members, m => m.Id);
                Replace(db, backup.Menus);
                if (backup.Version < 2)
                {
                    return;
                }

                Replace(db, backup.Skills, k => k.Id);
                Replace(db, backup.Reasons);
                Replace(db, backup.Dispositions);
                Replace(db, backup.Schedules);
                Replace(db, backup.Holidays);
                Replace(db, backup.RecordingPolicies);
                foreach (var key in BackedUpSettings)
                {
                    db.Delete<SettingRow>(key);
                }

                db.InsertAll(backup.Settings.Where(s => BackedUpSettings.Contains(s.Key)));
            });
            return 0;
        });
    }

    private static void Replace<T>(SQLite.SQLiteConnection db, List<T> rows)
    {
        db.DeleteAll<T>();
        db.InsertAll(rows ?? []);
    }

    // A table keyed by an autoincrement id keeps the backup's ids, so a restore gives back the
    // rows as they were; a hand-written file without ids (or with repeats) gets new ones.
    private static void Replace<T>(SQLite.SQLiteConnection db, List<T> rows, Func<T, int> id)
    {
        rows ??= [];
        var ids = rows.Select(id).ToList();
        if (ids.Any(i => i <= 0) || ids.Distinct().Count() != ids.Count)
        {
            Replace(db, rows);
            return;
        }

        db.DeleteAll<T>();
        db.InsertAll(rows, "OR REPLACE");
    }
}
