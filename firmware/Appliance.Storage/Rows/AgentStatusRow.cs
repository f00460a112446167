using SQLite;

namespace Appliance.Storage.Rows;

/// <summary>
/// What an agent chose, kept across restarts (table <c>AgentStatus</c>): ready or not, the
/// reason, and the queues it logged out of.
/// </summary>
[Table("AgentStatus")]
public sealed class AgentStatusRow
{
    [PrimaryKey]
    public string AgentId { get; set; } = "";

    public bool Ready { get; set; } = true;

    /// <summary>The configured reason code, or null for none or the ACD's own reason.</summary>
    public int? ReasonCode { get; set; }

    public string? ReasonName { get; set; }

    /// <summary>Queue names separated by commas; empty when logged in everywhere.</summary>
    [NotNull]
    public string LoggedOutQueues { get; set; } = "";

    /// <summary>ISO 8601 UTC time of the change that wrote the row.</summary>
    [NotNull]
    public string UpdatedUtc { get; set; } = "";
}
