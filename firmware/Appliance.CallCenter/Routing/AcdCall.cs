namespace Appliance.CallCenter.Routing;

/// <summary>
/// The distributor's runtime view of one queued call, from Enqueue until it is abandoned, sent
/// elsewhere, or its agent's CallEnded. Only touched while the distributor's lock is held.
/// </summary>
internal sealed class AcdCall
{
    public AcdCall(
        string callId,
        AcdQueue queue,
        CallRequirements requirements,
        DateTimeOffset enqueuedUtc,
        long sequence)
    {
        CallId = callId;
        Queue = queue;
        Requirements = requirements;
        EnqueuedUtc = enqueuedUtc;
        QueueEnteredUtc = enqueuedUtc;
        Sequence = sequence;
    }

    /// <summary>Highest priority first, then by arrival in the distributor.</summary>
    public static IComparer<AcdCall> ServiceOrder { get; } = Comparer<AcdCall>.Create((a, b) =>
    {
        var byPriority = b.Requirements.Priority.CompareTo(a.Requirements.Priority);
        return byPriority != 0 ? byPriority : a.Sequence.CompareTo(b.Sequence);
    });

    public string CallId { get; }

    /// <summary>The queue it waits in now; an overflow into another queue changes it.</summary>
    public AcdQueue Queue { get; set; }

    public CallRequirements Requirements { get; }

    /// <summary>When the call first joined a queue of the distributor.</summary>
    public DateTimeOffset EnqueuedUtc { get; }

    /// <summary>When it joined <see cref="Queue"/>; waits in figures are counted from here.</summary>
    public DateTimeOffset QueueEnteredUtc { get; set; }

    /// <summary>Arrival order in the distributor; breaks ties between equal priorities.</summary>
    public long Sequence { get; }

    /// <summary>Agents offered this call in the current round.</summary>
    public HashSet<AcdAgent> Tried { get; } = [];

    /// <summary>The offers ringing now: one, or several in a ring-all queue.</summary>
    public List<AcdRing> Rings { get; } = [];

    /// <summary>Overflow, maximum-wait and level-widening timers of the current queue.</summary>
    public List<ITimer> Timers { get; } = [];

    /// <summary>The agent talking to the caller, or null while the call waits.</summary>
    public AcdAgent? AnsweredBy { get; set; }

    public DateTimeOffset AnsweredUtc { get; set; }

    /// <summary>
    /// The number to call back when the caller hung up to be called back: the call keeps its
    /// place but is never offered to an agent. Null for a caller on the line.
    /// </summary>
    public string? CallbackNumber { get; set; }

    /// <summary>The callback is being dialled, or waits out its retry delay: it is not due again.</summary>
    public bool CallbackHeld { get; set; }

    /// <summary>Ends the retry delay of a callback whose call-back attempt failed.</summary>
    public ITimer? RetryTimer { get; set; }

    public string? Skill => Requirements.Skill ?? Queue.Definition.RequiredSkill;

    /// <summary>
    /// The skill level the call requires now: the starting level, one lower for each widening
    /// interval waited, never below 1.
    /// </summary>
    public int RequiredLevelAt(DateTimeOffset now)
    {
        var start = Requirements.Skill is not null ? Requirements.Level : Queue.Definition.RequiredLevel;
        if (Queue.Definition.WidenLevelEvery is not { } every || every <= TimeSpan.Zero)
        {
            return start;
        }

        var steps = (int)Math.Min(10, (now - QueueEnteredUtc).Ticks / every.Ticks);
        return Math.Max(1, start - steps);
    }

    public void DisposeTimers()
    {
        foreach (var timer in Timers)
        {
            timer.Dispose();
        }

        Timers.Clear();
    }
}
