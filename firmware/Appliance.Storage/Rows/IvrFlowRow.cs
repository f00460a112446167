using SQLite;

namespace Appliance.Storage.Rows;

/// <summary>
/// The current version of an IVR flow document (table <c>IvrFlow</c>): its JSON text as it was
/// accepted, and when. A DID row of kind <c>flow</c> names it; the document's own fields are
/// checked when the service loads it, not here.
/// </summary>
[Table("IvrFlow")]
public sealed class IvrFlowRow
{
    [PrimaryKey]
    public string Name { get; set; } = "";

    [NotNull]
    public string Json { get; set; } = "";

    public int Version { get; set; }

    public DateTime SavedUtc { get; set; }
}
