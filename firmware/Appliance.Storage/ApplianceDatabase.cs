using Appliance.CallCenter.Agents;
using Appliance.CallCenter.Ivr;
using Appliance.CallCenter.Queues;
using Appliance.CallCenter.Records;
using Appliance.Storage.Rows;
using Serilog;
using SQLite;

namespace Appliance.Storage;

/// <summary>
/// The appliance's SQLite database: configuration (extensions, trunks, DIDs, queues, members,
/// IVR menus) and call detail records. One connection, used under one lock, so every member
/// may be called from any thread; calls are short and block the caller while SQLite works.
/// </summary>
/// <remarks>
/// The file runs in WAL mode with <c>synchronous=FULL</c>: each committed write (a CDR at the
/// end of a call) is synced to disk before <see cref="InsertCdr"/> returns, so a power cut
/// afterwards loses nothing. Configuration read from the file is checked as it is turned into
/// definitions; a value the appliance cannot use throws <see cref="InvalidDataException"/>
/// naming the table, row and field.
/// </remarks>
public sealed partial class ApplianceDatabase : IDisposable
{
    private readonly SQLiteConnection _db;
    private readonly Lock _lock = new();
    private bool _disposed;

    private ApplianceDatabase(SQLiteConnection db, string path, ILogger log)
    {
        _db = db;
        Path = path;
        Log = log;
    }

    /// <summary>The full path of the database file.</summary>
    public string Path { get; }

    /// <summary>True once a seed profile (see <see cref="DemoSeed"/>) has been applied.</summary>
    public bool IsSeeded
    {
        get
        {
            lock (_lock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                return _db.Find<SettingRow>(SettingRow.SeedKey) is not null;
            }
        }
    }

    internal ILogger Log { get; }

    /// <summary>
    /// Opens (or creates) the database file, creating its folder and any missing table.
    /// </summary>
    /// <exception cref="SQLiteException">The file cannot be opened or is not a database.</exception>
    public static ApplianceDatabase Open(string path, ILogger log)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(log);

        var fullPath = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        log = log.ForContext<ApplianceDatabase>();
        var flags = SQLiteOpenFlags.ReadWrite | SQLiteOpenFlags.Create | SQLiteOpenFlags.FullMutex;
        var db = new SQLiteConnection(fullPath, flags, storeDateTimeAsTicks: false);
        try
        {
            // A backup or an admin's sqlite3 shell may hold the lock for a moment; wait for it
            // rather than lose a call record.
            db.BusyTimeout = TimeSpan.FromSeconds(10);
            // SQLite WAL: a commit appends to the -wal file; with synchronous=FULL that file is
            // fsynced on every commit, which is what makes an ended call durable.
            var journalMode = db.ExecuteScalar<string>("PRAGMA journal_mode=WAL");
            db.Execute("PRAGMA synchronous=FULL");
            CreateTables(db);
            if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                log.Warning(
                    "Database {DatabasePath} stays in journal mode {JournalMode}: WAL is not available",
                    fullPath, journalMode);
            }

            log.Information("Opened database {DatabasePath} (journal mode {JournalMode}, synchronous FULL)",
                fullPath, journalMode);
            return new ApplianceDatabase(db, fullPath, log);
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    /// <summary>The digest password of an extension, or null when there is no such extension.</summary>
    public string? FindExtensionPassword(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        return Run(db => db.Find<ExtensionRow>(number)?.Password);
    }

    /// <summary>An extension, or null when there is no such extension.</summary>
    public ExtensionRow? FindExtension(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        return Run(db => db.Find<ExtensionRow>(number));
    }

    /// <summary>Every extension, ordered by number.</summary>
    public IReadOnlyList<ExtensionRow> Extensions()
        => Run(db => db.Table<ExtensionRow>().OrderBy(e => e.Number).ToList());

    /// <summary>Every trunk, ordered by name.</summary>
    public IReadOnlyList<TrunkRow> Trunks()
        => Run(db => db.Table<TrunkRow>().OrderBy(t => t.Name).ToList());

    /// <summary>Every inbound number (DID), ordered by number.</summary>
    /// <exception cref="InvalidDataException">A row's target kind or name is invalid.</exception>
    public IReadOnlyList<DidRow> Dids()
    {
        var numbers = Run(db => db.Table<DidRow>().OrderBy(d => d.Number).Select(d => d.Number).ToList());
        return numbers.ConvertAll(number => FindDid(number)!);
    }

    /// <summary>Where a dialled number goes, or null when it is not configured.</summary>
    /// <exception cref="InvalidDataException">The row's target kind is not ivr, flow or queue, or its
    /// target name is empty.</exception>
    public DidRow? FindDid(string number)
    {
        ArgumentNullException.ThrowIfNull(number);

        var row = Run(db => db.Find<DidRow>(number));
        if (row is null)
        {
            return null;
        }

        if (row.TargetKind is not (DidRow.IvrTarget or DidRow.QueueTarget or DidRow.FlowTarget))
        {
            throw StoredDataError.Create("Did", row.Number, nameof(row.TargetKind),
                $"'{row.TargetKind}' is not '{DidRow.IvrTarget}', '{DidRow.FlowTarget}' "
                + $"or '{DidRow.QueueTarget}'.");
        }

        if (string.IsNullOrWhiteSpace(row.TargetName))
        {
            throw StoredDataError.Create("Did", row.Number, nameof(row.TargetName), "it is empty.");
        }

        return row;
    }

    /// <summary>Every queue, ordered by name.</summary>
    /// <exception cref="InvalidDataException">A row has an unknown strategy or a ring timeout
    /// that is not positive.</exception>
    public IReadOnlyList<QueueDefinition> Queues()
    {
        var queues = Run(db => db.Table<QueueRow>().OrderBy(q => q.Name).ToList())
            .ConvertAll(ConfigurationRows.ToQueue);
        var names = queues.Select(q => q.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var queue in queues)
        {
            foreach (var (column, target) in QueueRuleColumns.ExitQueues(queue))
            {
                if (!names.Contains(target))
                {
                    throw StoredDataError.Create(
                        "Queue", queue.Name, column, $"queue '{target}' is not in table Queue.");
                }
            }
        }

        return queues;
    }

    /// <summary>
    /// Every agent that is a member of at least one queue, with its queues in the order the
    /// memberships were stored.
    /// </summary>
    /// <exception cref="InvalidDataException">A membership names a queue that does not exist
    /// or has an empty agent id, or a skill row has an empty name or a level outside 1-10.</exception>
    public IReadOnlyList<AgentDefinition> Agents()
    {
        var (members, queues, skills) = Run(db => (
            db.Table<QueueMemberRow>().OrderBy(m => m.Id).ToList(),
            QueueNames(db),
            db.Table<AgentSkillRow>().OrderBy(k => k.Id).ToList()));
        return ConfigurationRows.WithSkills(ConfigurationRows.ToAgents(members, queues), skills);
    }

    /// <summary>An IVR menu by name, or null when there is none.</summary>
    /// <exception cref="InvalidDataException">A field of the menu cannot be used (an option that
    /// is not <c>digit=queue</c>, a queue that does not exist, a timeout that is not
    /// positive...).</exception>
    public IvrMenuDefinition? FindMenu(string name)
    {
        ArgumentNullException.ThrowIfNull(name);

        var (row, queues) = Run(db => (db.Find<IvrMenuRow>(name), QueueNames(db)));
        return row is null ? null : ConfigurationRows.ToMenu(row, queues);
    }

    /// <summary>
    /// Writes the record of an ended call. It is on disk when this returns.
    /// </summary>
    public void InsertCdr(CallRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrEmpty(record.CallId, nameof(record));

        var row = CdrMapping.ToRow(record);
        Run(db => db.Insert(row));
        Log.Debug("Stored the record of call {CallId}: {Disposition}", row.CallId, row.Disposition);
    }

    /// <summary>A stored fact by key (table <c>Setting</c>), or null.</summary>
    public string? GetSetting(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Run(db => db.Find<SettingRow>(key)?.Value);
    }

    /// <summary>Stores a fact by key, replacing an earlier value.</summary>
    public void SetSetting(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        Run(db => db.InsertOrReplace(new SettingRow { Key = key, Value = value }));
    }

    /// <summary>Saves or refreshes a phone's registration so it survives a restart.</summary>
    public void SaveRegistration(RegistrationRow registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        registration.Id = RegistrationRow.IdOf(registration.User, registration.Contact);
        Run(db => db.InsertOrReplace(registration));
    }

    /// <summary>Forgets a registration (unregistered or expired).</summary>
    public void DeleteRegistration(string user, string contact)
        => Run(db => db.Delete<RegistrationRow>(RegistrationRow.IdOf(user, contact)));

    /// <summary>Every saved registration.</summary>
    public IReadOnlyList<RegistrationRow> Registrations()
        => Run(db => db.Table<RegistrationRow>().ToList());

    /// <summary>The latest call records, newest first.</summary>
    /// <exception cref="InvalidDataException">A stored record cannot be read back.</exception>
    public IReadOnlyList<CallRecord> RecentCdrs(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);

        return Run(db => db.Query<CdrRow>("SELECT * FROM Cdr ORDER BY Id DESC LIMIT ?", count))
            .ConvertAll(CdrMapping.ToRecord);
    }

    /// <summary>The latest record of a call, or null when there is none.</summary>
    /// <exception cref="InvalidDataException">The stored record cannot be read back.</exception>
    public CallRecord? FindCdr(string callId)
    {
        ArgumentNullException.ThrowIfNull(callId);

        var rows = Run(db => db.Query<CdrRow>(
            "SELECT * FROM Cdr WHERE CallId = ? ORDER BY Id DESC LIMIT 1", callId));
        return rows.Count == 0 ? null : CdrMapping.ToRecord(rows[0]);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _db.Dispose();
        }
    }

    /// <summary>
    /// Runs <paramref name="seed"/> and marks the database seeded with <paramref name="profile"/>,
    /// in one transaction, unless it is seeded already.
    /// </summary>
    /// <returns>False when the database was already seeded and nothing was written.</returns>
    internal bool SeedOnce(string profile, Action<SQLiteConnection> seed)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_db.Find<SettingRow>(SettingRow.SeedKey) is not null)
            {
                return false;
            }

            _db.RunInTransaction(() =>
            {
                seed(_db);
                _db.Insert(new SettingRow { Key = SettingRow.SeedKey, Value = profile });
            });
            return true;
        }
    }

    /// <summary>Runs one statement on the connection under the lock.</summary>
    internal T Run<T>(Func<SQLiteConnection, T> query)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return query(_db);
        }
    }

    private static HashSet<string> QueueNames(SQLiteConnection db)
        => db.Table<QueueRow>().ToList().Select(q => q.Name).ToHashSet(StringComparer.Ordinal);

    private static void CreateTables(SQLiteConnection db)
    {
        db.CreateTable<SettingRow>();
        db.CreateTable<ExtensionRow>();
        db.CreateTable<TrunkRow>();
        db.CreateTable<DidRow>();
        db.CreateTable<QueueRow>();
        db.CreateTable<QueueMemberRow>();
        db.CreateTable<IvrMenuRow>();
        db.CreateTable<IvrFlowRow>();
        db.CreateTable<BusinessScheduleRow>();
        db.CreateTable<HolidayRow>();
        db.CreateTable<RecordingPolicyRow>();
        db.CreateTable<AgentSkillRow>();
        db.CreateTable<VoicemailRow>();
        db.CreateTable<MailboxRow>();
        db.CreateTable<CallbackRow>();
        db.CreateTable<SmsRow>();
        db.CreateTable<CdrRow>();
        db.CreateTable<RecordingRow>();
        db.CreateTable<RegistrationRow>();
        db.CreateTable<AgentStatusRow>();
        db.CreateTable<AgentStateEventRow>();
        db.CreateTable<NotReadyReasonRow>();
        db.CreateTable<QueueIntervalRow>();
        db.CreateTable<AgentIntervalRow>();
        db.CreateTable<CampaignAttemptRow>();
        db.CreateTable<Customers.CustomerRow>();
        db.CreateTable<Forecasts.ForecastIntervalRow>();
    }
}
