using Appliance.Storage.Rows;

namespace Appliance.Storage;

/// <summary>The callbacks waiting callers asked for.</summary>
public sealed partial class ApplianceDatabase
{
    /// <summary>Stores a new callback (or replaces one with the same id).</summary>
    public void SaveCallback(CallbackRow callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ArgumentException.ThrowIfNullOrEmpty(callback.Id, nameof(callback));

        Run(db => db.InsertOrReplace(callback));
    }

    /// <summary>The callback with this id, or null.</summary>
    public CallbackRow? FindCallback(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Run(db => db.Find<CallbackRow>(id));
    }

    /// <summary>The callbacks not yet connected or given up, in the order they were asked for.</summary>
    public IReadOnlyList<CallbackRow> PendingCallbacks() => Run(db => db.Table<CallbackRow>()
        .Where(c => !c.Done)
        .OrderBy(c => c.RequestedUtc)
        .ToList());

    /// <summary>Every callback, newest first, for reports.</summary>
    public IReadOnlyList<CallbackRow> Callbacks() => Run(db => db.Table<CallbackRow>()
        .OrderByDescending(c => c.RequestedUtc)
        .ToList());
}
