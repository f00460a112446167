using SQLite;

namespace Appliance.Storage.Rows;

/// <summary>
/// A stored queue (table <c>Queue</c>). <see cref="Strategy"/> is text: <c>longest-idle</c>,
/// <c>round-robin</c>, <c>fewest-calls</c>, <c>least-talk-time</c>, <c>ring-all</c>,
/// <c>random</c>, <c>linear</c> or <c>skills-best-match</c>.
/// </summary>
[Table("Queue")]
public sealed class QueueRow
{
    public const string LongestIdleStrategy = "longest-idle";

    [PrimaryKey]
    public string Name { get; set; } = "";

    [NotNull]
    public string Strategy { get; set; } = LongestIdleStrategy;

    /// <summary>Whole seconds an agent's phone rings before the next agent is tried.</summary>
    public int RingTimeoutSeconds { get; set; }

    /// <summary>The prompt name played to waiting callers, or null (or empty) for none.</summary>
    public string? HoldPrompt { get; set; }

    /// <summary>Whole seconds of after-call work after each answered call; 0 for none.</summary>
    public int WrapUpSeconds { get; set; }

    /// <summary>Calls answered within this many seconds count as within the service level; 0 for 20.</summary>
    public int ServiceLevelSeconds { get; set; }
}
