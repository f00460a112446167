using SQLite;

namespace Appliance.Storage.Rows;

/// <summary>
/// One agent's figures over one closed 15-minute interval (table <c>AgentInterval</c>): calls,
/// talk, and time in each state, in whole milliseconds.
/// </summary>
[Table("AgentInterval")]
public sealed class AgentIntervalRow
{
    [PrimaryKey]
    public string Id { get; set; } = "";

    [NotNull, Indexed]
    public string AgentId { get; set; } = "";

    /// <summary>ISO 8601 UTC start of the interval.</summary>
    [NotNull, Indexed]
    public string StartUtc { get; set; } = "";

    public int CallsAnswered { get; set; }

    public long TalkMs { get; set; }

    public long IdleMs { get; set; }

    public long RingingMs { get; set; }

    public long BusyMs { get; set; }

    public long WrapUpMs { get; set; }

    public long NotReadyMs { get; set; }

    public long LoggedOutMs { get; set; }
}
