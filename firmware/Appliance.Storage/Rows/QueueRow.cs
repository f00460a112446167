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

    /// <summary>Waiting callers hear their position and expected wait on joining and then every
    /// this many seconds; 0 for never.</summary>
    public int AnnounceEverySeconds { get; set; }

    /// <summary>The prompt that interrupts the hold music every <see cref="ComfortEverySeconds"/>,
    /// or null (or empty) for none.</summary>
    public string? ComfortPrompt { get; set; }

    /// <summary><c>wav</c> (null or empty too) or <c>opus</c>: the format calls are recorded in.</summary>
    public string? RecordingFormat { get; set; }

    public int ComfortEverySeconds { get; set; }

    /// <summary>The skill every call of the queue requires, or null for none; see
    /// <see cref="RequiredLevel"/>.</summary>
    public string? RequiredSkill { get; set; }

    /// <summary>The level 1-10 of <see cref="RequiredSkill"/> a call requires; 0 reads as 1.</summary>
    public int RequiredLevel { get; set; }

    /// <summary>The required level drops by one each this many seconds of waiting; 0 never.</summary>
    public int WidenLevelEverySeconds { get; set; }

    /// <summary>A call that waited this many seconds goes to <see cref="OverflowTo"/>; 0 never.</summary>
    public int OverflowAfterSeconds { get; set; }

    /// <summary>A call that finds this many calls waiting goes to <see cref="OverflowTo"/>; 0 never.</summary>
    public int OverflowWhenWaiting { get; set; }

    /// <summary>
    /// Where overflowing calls go: <c>queue:NAME</c>, <c>external:NUMBER</c>, <c>voicemail:BOX</c>,
    /// <c>callback</c> or <c>hangup</c>.
    /// </summary>
    public string? OverflowTo { get; set; }

    /// <summary>The longest wait in seconds before a call goes to <see cref="MaxWaitExit"/>; 0 none.</summary>
    public int MaxWaitSeconds { get; set; }

    /// <summary>Where a call goes at its maximum wait, written as <see cref="OverflowTo"/>; null
    /// hangs up.</summary>
    public string? MaxWaitExit { get; set; }

    /// <summary>Join rule: <c>never</c>, <c>none-logged-in</c> (null reads as this) or
    /// <c>none-ready</c>.</summary>
    public string? RefuseWhen { get; set; }

    /// <summary>Leave rule, written as <see cref="RefuseWhen"/>.</summary>
    public string? LeaveWhen { get; set; }

    /// <summary>The key (0-9, * or #) a waiting caller presses to be offered a callback; null or
    /// empty for none.</summary>
    public string? CallbackKey { get; set; }
}
