using SQLite;

namespace Appliance.Storage.Rows;

/// <summary>
/// One queue's figures over one closed 15-minute interval (table <c>QueueInterval</c>); reports
/// for any range sum these rows. Durations are whole milliseconds.
/// </summary>
[Table("QueueInterval")]
public sealed class QueueIntervalRow
{
    [PrimaryKey]
    public string Id { get; set; } = "";

    [NotNull, Indexed]
    public string Queue { get; set; } = "";

    /// <summary>ISO 8601 UTC start of the interval.</summary>
    [NotNull, Indexed]
    public string StartUtc { get; set; } = "";

    public int Offered { get; set; }

    public int Answered { get; set; }

    public int Abandoned { get; set; }

    public int ShortAbandoned { get; set; }

    public int Overflowed { get; set; }

    public int AnsweredWithinTarget { get; set; }

    public long TotalAnswerWaitMs { get; set; }

    public long TotalAbandonWaitMs { get; set; }

    public long TotalTalkMs { get; set; }

    public int Completed { get; set; }

    public long LongestWaitMs { get; set; }
}
