using SQLite;

namespace Appliance.Storage.Rows;

/// <summary>A SIP trunk that may send calls in (table <c>Trunk</c>), matched by source address.</summary>
[Table("Trunk")]
public sealed class TrunkRow
{
    [PrimaryKey]
    public string Name { get; set; } = "";

    /// <summary>The IP address calls of this trunk come from, as text (<c>127.0.0.1</c>).</summary>
    [NotNull]
    public string AllowedAddress { get; set; } = "";

    /// <summary>Whether the trunk's INVITEs must carry digest credentials.</summary>
    public bool RequireAuth { get; set; }
}
