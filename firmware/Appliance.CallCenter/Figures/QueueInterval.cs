namespace Appliance.CallCenter.Figures;

/// <summary>
/// The figures of one queue over one 15-minute interval, counted by the interval in which each
/// call arrived in the queue (its answer or abandon may fall in the next one).
/// </summary>
public sealed class QueueInterval
{
    public QueueInterval(string queue, DateTimeOffset startUtc)
    {
        Queue = queue;
        StartUtc = startUtc;
    }

    public string Queue { get; }

    public DateTimeOffset StartUtc { get; }

    public int Offered { get; internal set; }

    public int Answered { get; internal set; }

    /// <summary>Callers who hung up while waiting, short abandons included.</summary>
    public int Abandoned { get; internal set; }

    /// <summary>Callers who hung up within the queue's short-abandon time.</summary>
    public int ShortAbandoned { get; internal set; }

    /// <summary>Calls a queue rule sent elsewhere, or sent away for want of agents.</summary>
    public int Overflowed { get; internal set; }

    public int AnsweredWithinTarget { get; internal set; }

    public TimeSpan TotalAnswerWait { get; internal set; }

    /// <summary>Total wait of abandoned calls: with it, the patience of callers can be estimated.</summary>
    public TimeSpan TotalAbandonWait { get; internal set; }

    public TimeSpan TotalTalk { get; internal set; }

    public int Completed { get; internal set; }

    public TimeSpan LongestWait { get; internal set; }

    internal QueueInterval Copy() => (QueueInterval)MemberwiseClone();

    /// <summary>Answered within target over calls that did not leave as short abandons; 1 with no calls.</summary>
    public double ServiceLevel
        => Offered - ShortAbandoned is var counted and > 0 ? (double)AnsweredWithinTarget / counted : 1;

    /// <summary>Average speed of answer of the answered calls.</summary>
    public TimeSpan AverageSpeedOfAnswer => Answered > 0 ? TotalAnswerWait / Answered : TimeSpan.Zero;

    /// <summary>Average talk time of the calls that ended (after-call work not included).</summary>
    public TimeSpan AverageHandleTime => Completed > 0 ? TotalTalk / Completed : TimeSpan.Zero;
}
