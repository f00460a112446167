using Appliance.Storage.Rows;

namespace Appliance.Storage;

/// <summary>The stored IVR flow documents.</summary>
public sealed partial class ApplianceDatabase
{
    /// <summary>Every stored flow, ordered by name.</summary>
    public IReadOnlyList<IvrFlowRow> Flows()
        => Run(db => db.Table<IvrFlowRow>().OrderBy(f => f.Name).ToList());

    /// <summary>
    /// Stores <paramref name="json"/> as the current version of flow <paramref name="name"/>,
    /// replacing the one before. It is on disk when this returns.
    /// </summary>
    public void SaveFlow(string name, int version, string json, DateTimeOffset savedAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(json);

        var row = new IvrFlowRow { Name = name, Version = version, Json = json, SavedUtc = savedAt.UtcDateTime };
        Run(db => db.InsertOrReplace(row));
    }
}
