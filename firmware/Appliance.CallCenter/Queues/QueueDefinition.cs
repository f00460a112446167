namespace Appliance.CallCenter.Queues;

/// <summary>
/// The configuration of one queue. Names are compared ordinally (case matters). Durations that
/// are null turn their rule off.
/// </summary>
/// <param name="Name">The queue name that dial plans, IVR flows and agents refer to.</param>
/// <param name="Strategy">How the agent for a call is chosen.</param>
/// <param name="RingTimeout">How long one agent's phone rings before the next agent is tried.</param>
/// <param name="HoldPrompt">The prompt name played to waiting callers, or null for silence.</param>
public sealed record QueueDefinition(
    string Name,
    QueueStrategy Strategy,
    TimeSpan RingTimeout,
    string? HoldPrompt)
{
    /// <summary>After-call work after each answered call of this queue; zero for none.</summary>
    public TimeSpan WrapUp { get; init; }

    /// <summary>How answered calls of this queue are recorded (queue setting RecordingFormat).</summary>
    public QueueRecordingFormat RecordingFormat { get; init; }

    /// <summary>Missed offers in a row after which the ACD sets the agent not ready; 0 never.</summary>
    public int MissedOffersBeforeNotReady { get; init; } = 3;

    /// <summary>A call answered within this wait counts as answered within the service level.</summary>
    public TimeSpan ServiceLevelTarget { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Service level the queue aims at, 0-1, for staffing forecasts.</summary>
    public double ServiceLevelGoal { get; init; } = 0.8;

    /// <summary>A caller who hangs up within this wait is a short abandon, not counted as lost.</summary>
    public TimeSpan ShortAbandon { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The skill every call of the queue requires, unless the call names its own.</summary>
    public string? RequiredSkill { get; init; }

    /// <summary>The level (1-10) of <see cref="RequiredSkill"/> a call requires when it joins.</summary>
    public int RequiredLevel { get; init; } = 1;

    /// <summary>The required level drops by one each time this much waiting passes, down to 1.</summary>
    public TimeSpan? WidenLevelEvery { get; init; }

    /// <summary>A call that waited this long leaves for <see cref="OverflowTo"/>.</summary>
    public TimeSpan? OverflowAfter { get; init; }

    /// <summary>A call that finds this many calls waiting goes to <see cref="OverflowTo"/> at once.</summary>
    public int? OverflowWhenWaiting { get; init; }

    /// <summary>Where overflowing calls go; the overflow rules need it.</summary>
    public QueueExit? OverflowTo { get; init; }

    /// <summary>The longest a call waits before it leaves for <see cref="MaxWaitExit"/>.</summary>
    public TimeSpan? MaxWait { get; init; }

    /// <summary>
    /// The key (0-9, * or #) a waiting caller presses to be offered a callback that keeps its
    /// place in line; null offers none but by the <see cref="QueueExitKind.Callback"/> exit.
    /// </summary>
    public char? CallbackDigit { get; init; }

    /// <summary>Where a call goes when <see cref="MaxWait"/> passes.</summary>
    public QueueExit MaxWaitExit { get; init; } = QueueExit.HangUp;

    /// <summary>When a new call is turned away (<c>EnqueueResult.NoAgents</c>).</summary>
    public EmptyQueueCondition RefuseWhen { get; init; } = EmptyQueueCondition.NoneLoggedIn;

    /// <summary>
    /// When set, a waiting caller hears its position and expected wait on joining and then each
    /// time this much waiting passes (see <c>Routing.WaitAnnouncement</c>).
    /// </summary>
    public TimeSpan? AnnouncePositionEvery { get; init; }

    /// <summary>The prompt played to waiting callers each <see cref="ComfortEvery"/>, or null for none.</summary>
    public string? ComfortPrompt { get; init; }

    /// <summary>How often <see cref="ComfortPrompt"/> interrupts the hold music.</summary>
    public TimeSpan? ComfortEvery { get; init; }

    /// <summary>When waiting calls are sent away because the queue became empty.</summary>
    public EmptyQueueCondition LeaveWhen { get; init; } = EmptyQueueCondition.NoneLoggedIn;
}
