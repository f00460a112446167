using System.Globalization;
using Appliance.Storage.Rows;

namespace Appliance.Storage.Web;

/// <summary>
/// What the web pages read and write in the database: users, API tokens, the audit log,
/// extensions and the reports over the <c>Cdr</c> table. Its tables are created on first use;
/// every member is thread-safe (the database's one lock).
/// </summary>
public sealed partial class WebStore
{
    private readonly ApplianceDatabase _database;

    public WebStore(ApplianceDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _database.Run(db =>
        {
            db.CreateTable<UserRow>();
            db.CreateTable<AuditRow>();
            db.CreateTable<ApiTokenRow>();
            db.CreateTable<DispositionCodeRow>();
            // A box set up before the flag existed has its admin: it went through the wizard.
            if (db.Find<SettingRow>(SettingRow.SetupDoneKey) is null
                && db.Table<UserRow>().Count(u => u.Role == "admin") > 0)
            {
                db.InsertOrReplace(new SettingRow { Key = SettingRow.SetupDoneKey, Value = "true" });
            }

            return 0;
        });
    }

    /// <summary>True once the setup wizard has run (or the demo seeded its accounts): a stored
    /// fact, not whether an admin exists today.</summary>
    public bool IsSetupDone => _database.Run(db => db.Find<SettingRow>(SettingRow.SetupDoneKey) is not null);

    /// <summary>Records that setup is done; the wizard answers 409 from then on.</summary>
    public void MarkSetupDone() => _database.SetSetting(SettingRow.SetupDoneKey, "true");

    public UserRow? FindUser(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _database.Run(db => db.Find<UserRow>(name));
    }

    public IReadOnlyList<UserRow> Users() => _database.Run(db => db.Table<UserRow>().OrderBy(u => u.Name).ToList());

    /// <summary>Adds or replaces a user.</summary>
    public void SaveUser(UserRow user)
    {
        ArgumentNullException.ThrowIfNull(user);
        _database.Run(db => db.InsertOrReplace(user));
    }

    /// <summary>
    /// Adds <paramref name="user"/> and marks setup done only when setup is not done yet, in one
    /// transaction, so two browsers racing through the setup wizard cannot both become the admin.
    /// </summary>
    /// <returns>False when setup was already done and nothing was written.</returns>
    public bool TryCreateFirstAdmin(UserRow user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return _database.Run(db =>
        {
            var created = false;
            db.RunInTransaction(() =>
            {
                if (db.Find<SettingRow>(SettingRow.SetupDoneKey) is null)
                {
                    db.InsertOrReplace(user);
                    db.InsertOrReplace(new SettingRow { Key = SettingRow.SetupDoneKey, Value = "true" });
                    created = true;
                }
            });
            return created;
        });
    }

    public ApiTokenRow? FindTokenByHash(string tokenHash)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        return _database.Run(db => db.Table<ApiTokenRow>().FirstOrDefault(t => t.TokenHash == tokenHash));
    }

    public IReadOnlyList<ApiTokenRow> Tokens() =>
        _database.Run(db => db.Table<ApiTokenRow>().OrderBy(t => t.Name).ToList());

    public void Audit(AuditRow entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _database.Run(db => db.Insert(entry));
    }

    /// <summary>The latest audit entries, newest first.</summary>
    public IReadOnlyList<AuditRow> RecentAudit(int count) =>
        _database.Run(db => db.Query<AuditRow>("SELECT * FROM AuditLog ORDER BY Id DESC LIMIT ?", count));

    public IReadOnlyList<ExtensionRow> Extensions() => _database.Extensions();

    /// <summary>The mailboxes that have a PIN, so *98 can open them.</summary>
    public IReadOnlySet<string> MailboxesWithPin() => _database.Run(db => db.Table<MailboxRow>()
        .Where(m => m.Pin != "")
        .Select(m => m.Number)
        .ToHashSet(StringComparer.Ordinal));

    /// <inheritdoc cref="ApplianceDatabase.SetMailboxPin"/>
    public void SetMailboxPin(string mailbox, string pin) => _database.SetMailboxPin(mailbox, pin);

    /// <summary>Adds or replaces an extension; the registrar reads it at the next REGISTER.</summary>
    public void SaveExtension(ExtensionRow extension)
    {
        ArgumentNullException.ThrowIfNull(extension);
        _database.Run(db => db.InsertOrReplace(extension));
    }

    /// <summary>Adds or replaces rows of the routing configuration (trunk, queue, member, DID) in
    /// one transaction.</summary>
    public void SaveRouting(IEnumerable<object> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        _database.Run(db =>
        {
            db.RunInTransaction(() =>
            {
                foreach (var row in rows)
                {
                    // INSERT OR REPLACE writes the key column too: a new row of an autoincrement
                    // table (id still 0) would take id 0 and overwrite the row saved before it.
                    var key = db.GetMapping(row.GetType()).PK;
                    var isNew = key is { IsAutoInc: true }
                        && Convert.ToInt64(key.GetValue(row), CultureInfo.InvariantCulture) == 0;
                    if (isNew)
                    {
                        db.Insert(row);
                    }
                    else
                    {
                        db.InsertOrReplace(row);
                    }
                }
            });
            return 0;
        });
    }

    public string? GetSetting(string key) => _database.GetSetting(key);

    public void SetSetting(string key, string value) => _database.SetSetting(key, value);

    /// <summary>The settings whose key starts with <paramref name="prefix"/> (ordinal) and whose
    /// value is not empty, by key.</summary>
    public IReadOnlyDictionary<string, string> SettingsStartingWith(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return _database.Run(db => db.Table<SettingRow>().ToList()
            .Where(s => s.Key.StartsWith(prefix, StringComparison.Ordinal) && !string.IsNullOrEmpty(s.Value))
            .ToDictionary(s => s.Key, s => s.Value!, StringComparer.Ordinal));
    }

    /// <summary>Call records that arrived between two instants, oldest first.</summary>
    public IReadOnlyList<CdrRow> Cdrs(DateTimeOffset fromUtc, DateTimeOffset toUtc)
    {
        var from = fromUtc.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        var to = toUtc.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        return _database.Run(db => db.Query<CdrRow>(
            "SELECT * FROM Cdr WHERE ArrivedUtc >= ? AND ArrivedUtc < ? ORDER BY Id", from, to));
    }

    /// <summary>The latest call records, newest first, optionally only those whose number,
    /// agent or queue contains <paramref name="search"/>.</summary>
    public IReadOnlyList<CdrRow> SearchCdrs(string? search, int count)
    {
        if (string.IsNullOrWhiteSpace(search))
        {
            return _database.Run(db => db.Query<CdrRow>("SELECT * FROM Cdr ORDER BY Id DESC LIMIT ?", count));
        }

        var like = "%" + search.Trim().Replace("%", "", StringComparison.Ordinal) + "%";
        return _database.Run(db => db.Query<CdrRow>(
            "SELECT * FROM Cdr WHERE CallerNumber LIKE ? OR Agent LIKE ? OR Queue LIKE ? "
            + "ORDER BY Id DESC LIMIT ?", like, like, like, count));
    }
}
