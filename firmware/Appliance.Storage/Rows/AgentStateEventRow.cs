using SQLite;

namespace Appliance.Storage.Rows;

/// <summary>
/// One change of an agent's state (table <c>AgentStateEvent</c>), the ACD event log that
/// reports on time per state are drawn from. States are the names of <c>AgentState</c>.
/// </summary>
[Table("AgentStateEvent")]
public sealed class AgentStateEventRow
{
    [PrimaryKey, AutoIncrement]
    public long Id { get; set; }

    [NotNull, Indexed]
    public string AgentId { get; set; } = "";

    [NotNull]
    public string Previous { get; set; } = "";

    [NotNull]
    public string Current { get; set; } = "";

    /// <summary>ISO 8601 UTC time of the change.</summary>
    [NotNull, Indexed]
    public string AtUtc { get; set; } = "";

    public string? Reason { get; set; }

    public string? CallId { get; set; }

    public string? Queue { get; set; }
}
