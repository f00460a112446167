using SQLite;

namespace Appliance.Storage.Rows;

/// <summary>One agent's membership of one queue (table <c>QueueMember</c>).</summary>
[Table("QueueMember")]
public sealed class QueueMemberRow
{
    [PrimaryKey, AutoIncrement]
    public int Id { get; set; }

    [NotNull, Indexed]
    public string Queue { get; set; } = "";

    /// <summary>The agent id: the extension number its phone registers as.</summary>
    [NotNull, Indexed]
    public string AgentId { get; set; } = "";
}
