using SQLite;

namespace Appliance.Storage.Rows;

/// <summary>
/// A stored queue (table <c>Queue</c>). <see cref="Strategy"/> is text: <c>longest-idle</c>.
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
}
