using Appliance.CallCenter.Ivr.Flows;
using Appliance.CallCenter.Routing;
using Appliance.Storage;
using Appliance.Storage.Rows;
using Appliance.Telephony.Callbacks;

namespace Appliance.Service.Records;

/// <summary>Callbacks as rows of table <c>Callback</c>, so they outlive a restart.</summary>
internal sealed class DatabaseCallbackStore : ICallbackStore
{
    private readonly ApplianceDatabase _database;
    private readonly Lock _gate = new();

    public DatabaseCallbackStore(ApplianceDatabase database)
    {
        _database = database;
    }

    public void Save(CallbackRequest callback) => _database.SaveCallback(new CallbackRow
    {
        Id = callback.Id,
        Queue = callback.Queue,
        Number = callback.Number,
        Route = callback.Route,
        Did = callback.Did,
        Language = callback.Language,
        Priority = callback.Requirements.Priority,
        Skill = callback.Requirements.Skill,
        Level = callback.Requirements.Level,
        RequestedUtc = callback.RequestedUtc.UtcDateTime,
        Result = "waiting",
    });

    public CallbackRequest? Find(string id) => _database.FindCallback(id) is { } row ? ToRequest(row) : null;

    /// <exception cref="InvalidDataException">A row of table Callback cannot be read.</exception>
    public IReadOnlyList<CallbackRequest> Pending()
    {
        try
        {
            return [.. _database.PendingCallbacks().Select(ToRequest)];
        }
        catch (Exception ex) when (ex is FormatException or SQLite.SQLiteException)
        {
            throw new InvalidDataException($"Table Callback cannot be read: {ex.Message}", ex);
        }
    }

    public int AttemptStarted(string id, DateTimeOffset atUtc)
    {
        // Read, count and write as one step: two attempts of one callback never overlap, but
        // another callback's write may run meanwhile.
        lock (_gate)
        {
            var row = _database.FindCallback(id);
            if (row is null)
            {
                return 0;
            }

            row.Attempts++;
            row.LastAttemptUtc = atUtc.UtcDateTime;
            row.Result = "dialling";
            _database.SaveCallback(row);
            return row.Attempts;
        }
    }

    public void AttemptEnded(string id, string result, bool done)
    {
        lock (_gate)
        {
            var row = _database.FindCallback(id);
            if (row is null)
            {
                return;
            }

            row.Result = result;
            row.Done = done;
            _database.SaveCallback(row);
        }
    }

    private static CallbackRequest ToRequest(CallbackRow row) => new(row.Id, row.Queue, row.Number)
    {
        Route = row.Route,
        Did = row.Did,
        Language = LanguageNode.IsKnown(row.Language) ? row.Language!.Trim().ToLowerInvariant() : null,
        Requirements = new CallRequirements(row.Priority, row.Skill, Math.Max(1, row.Level)),
        RequestedUtc = new DateTimeOffset(DateTime.SpecifyKind(row.RequestedUtc, DateTimeKind.Utc)),
        Attempts = row.Attempts,
    };
}
