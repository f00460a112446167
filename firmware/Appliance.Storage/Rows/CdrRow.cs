using SQLite;

namespace Appliance.Storage.Rows;

/// <summary>
/// One call detail record (table <c>Cdr</c>), written once when the call has ended. Times are
/// ISO-8601 text in UTC (round-trip <c>"O"</c> format, ending in <c>Z</c>), so reports can read
/// them with any SQLite client; <see cref="Disposition"/> is <c>answered</c>, <c>abandoned</c>
/// or <c>no-agent</c>.
/// </summary>
[Table("Cdr")]
public sealed class CdrRow
{
    [PrimaryKey, AutoIncrement]
    public int Id { get; set; }

    [NotNull, Indexed]
    public string CallId { get; set; } = "";

    public string? CallerNumber { get; set; }

    public string? Did { get; set; }

    public string? IvrChoice { get; set; }

    public string? Queue { get; set; }

    public string? Agent { get; set; }

    /// <summary>The extension the call was transferred to, or null.</summary>
    public string? TransferredTo { get; set; }

    /// <summary>When the transfer target took the caller over, ISO-8601 UTC, or null.</summary>
    public string? TransferredUtc { get; set; }

    /// <summary><c>blind</c> or <c>attended</c>, or null when never transferred.</summary>
    public string? TransferKind { get; set; }

    [NotNull]
    public string ArrivedUtc { get; set; } = "";

    public string? QueuedUtc { get; set; }

    public string? AnsweredUtc { get; set; }

    public string? EndedUtc { get; set; }

    public int WaitSeconds { get; set; }

    public int TalkSeconds { get; set; }

    [NotNull]
    public string Disposition { get; set; } = "";

    /// <summary>
    /// The disposition code the agent gave in wrap-up (one of table <c>DispositionCode</c>), or
    /// null when none was given; written after the row, when the agent closes the wrap-up.
    /// </summary>
    public string? WrapUpCode { get; set; }

    /// <summary>The recording's path relative to the data directory, or null.</summary>
    public string? RecordingFile { get; set; }

    /// <summary>Packet loss in percent on the worse media leg; null for calls without media.</summary>
    public double? LossPercent { get; set; }

    /// <summary>Interarrival jitter in milliseconds on the worse media leg.</summary>
    public double? JitterMs { get; set; }

    /// <summary>RTCP round trip in milliseconds, or null when the far end sent no report.</summary>
    public double? RoundTripMs { get; set; }

    /// <summary>The G.107 E-model rating R of the worse leg.</summary>
    public double? RFactor { get; set; }

    /// <summary>The mean opinion score estimated from <see cref="RFactor"/>.</summary>
    public double? Mos { get; set; }

    /// <summary>The card port of a PSTN call (e1-0, fxo-1, gsm-0), or null for SIP.</summary>
    public string? TrunkPort { get; set; }

    /// <summary>The channel of <see cref="TrunkPort"/>, or null.</summary>
    public int? TrunkChannel { get; set; }

    /// <summary>
    /// The name of the SIP trunk (table <c>Trunk</c>) the call came in on, <c>agent-phone</c> or
    /// <c>callback</c>; null in rows written before the column existed, which the box adds to an
    /// older database when it opens it.
    /// </summary>
    public string? Trunk { get; set; }

    /// <summary>The trunk the call went out by to an external number or remote agent, or null.</summary>
    public string? OutboundTrunk { get; set; }

    /// <summary>The answering agent's phone as its 200 OK named it (User-Agent or Server), or null.</summary>
    public string? AgentPhone { get; set; }
}
