namespace Appliance.CallCenter.Records;

/// <summary>
/// The record of one inbound call (the CDR), filled in by the call as it goes and finished by
/// <see cref="Complete"/>. All times are UTC. Not thread safe: the owning call fills it in.
/// </summary>
public sealed class CallRecord
{
    private CallDisposition _disposition;

    public string CallId { get; set; } = "";

    public string? CallerNumber { get; set; }

    /// <summary>The number dialled (the request URI user part).</summary>
    public string? Did { get; set; }

    /// <summary>The IVR digit that routed the call, or null when the menu's default was taken.</summary>
    public string? IvrChoice { get; set; }

    public string? Queue { get; set; }

    /// <summary>The agent who answered, or null.</summary>
    public string? Agent { get; set; }

    /// <summary>The extension the agent transferred the call to, or null when never transferred.</summary>
    public string? TransferredTo { get; set; }

    /// <summary>When the transfer target answered and took the caller over, or null.</summary>
    public DateTimeOffset? TransferredUtc { get; set; }

    /// <summary>Blind or attended; null when <see cref="TransferredTo"/> is.</summary>
    public CallTransferKind? TransferKind { get; set; }

    public DateTimeOffset ArrivedUtc { get; set; }

    /// <summary>When the call entered its queue, or null when it never did.</summary>
    public DateTimeOffset? QueuedUtc { get; set; }

    public DateTimeOffset? AnsweredUtc { get; set; }

    public DateTimeOffset? EndedUtc { get; set; }

    /// <summary>Whole seconds from queued to answered (or to ended when never answered).</summary>
    public int WaitSeconds { get; set; }

    /// <summary>Whole seconds from answered to ended.</summary>
    public int TalkSeconds { get; set; }

    /// <summary>
    /// How the call ended. When never set, <see cref="Complete"/> derives it: Answered with an
    /// answer time, Abandoned otherwise. <see cref="CallDisposition.NoAgent"/> is only ever
    /// set by the caller, which knows the ACD turned the call away.
    /// </summary>
    public CallDisposition Disposition
    {
        get => _disposition;
        set
        {
            _disposition = value;
            IsDispositionSet = true;
        }
    }

    /// <summary>
    /// True once <see cref="Disposition"/> was set, by the caller or by <see cref="Complete"/>.
    /// </summary>
    public bool IsDispositionSet { get; private set; }

    /// <summary>
    /// When the call left its queue without an answer (turned away for want of agents), or
    /// null; the wait ends there rather than at the hang-up that follows the apology.
    /// </summary>
    public DateTimeOffset? LeftQueueUtc { get; set; }

    /// <summary>Path of the recording relative to the data directory, or null.</summary>
    public string? RecordingFile { get; set; }

    /// <summary>Packets lost of those expected on the worse leg, 0 to 100; null without media.</summary>
    public double? LossPercent { get; set; }

    /// <summary>Interarrival jitter of the worse leg in milliseconds (RFC 3550 §6.4.1), or null.</summary>
    public double? JitterMs { get; set; }

    /// <summary>The RTCP round trip of the worse leg in milliseconds, or null when not reported.</summary>
    public double? RoundTripMs { get; set; }

    /// <summary>The E-model rating R (ITU-T G.107) of the worse leg, 0 to 93.2, or null.</summary>
    public double? RFactor { get; set; }

    /// <summary>The estimated mean opinion score of the worse leg, 1 to 4.5, or null.</summary>
    public double? Mos { get; set; }

    /// <summary>The card port (E1 span, FXO port, GSM slot) a PSTN call came in on, by name; null
    /// for a SIP call.</summary>
    public string? TrunkPort { get; set; }

    /// <summary>The channel of <see cref="TrunkPort"/> (B channel 1-30 on an E1), or null.</summary>
    public int? TrunkChannel { get; set; }

    /// <summary>
    /// The SIP trunk the call came in on, by the name of its row in the routing page's trunks (the
    /// PSTN gateway's own trunk for a PSTN call), <c>agent-phone</c> for a call dialled from an
    /// extension, <c>callback</c> for a callback the box dialled; null in records written before
    /// the box kept it.
    /// </summary>
    public string? Trunk { get; set; }

    /// <summary>
    /// The trunk the call left the box by when an external number or a remote agent took it: the
    /// routing page's trunk whose address the INVITE went to, else the outbound route's name;
    /// null when the call never went out.
    /// </summary>
    public string? OutboundTrunk { get; set; }

    /// <summary>
    /// What the answering agent's phone calls itself: the User-Agent (else the Server) header of
    /// its 200 OK, at most 64 printable characters; null when no agent answered or it sent neither.
    /// </summary>
    public string? AgentPhone { get; set; }

    /// <summary>
    /// Finishes the record: sets <see cref="EndedUtc"/>, computes <see cref="WaitSeconds"/>
    /// (queued to answered, else to leaving the queue, else to ended; 0 when never queued) and
    /// <see cref="TalkSeconds"/> (answered to ended; 0 when unanswered), both rounded down, and
    /// the disposition when it was not set.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="endedUtc"/> is before
    /// <see cref="ArrivedUtc"/>, <see cref="QueuedUtc"/> or <see cref="AnsweredUtc"/>.</exception>
    public void Complete(DateTimeOffset endedUtc)
    {
        var latestStart = Max(ArrivedUtc, Max(QueuedUtc ?? ArrivedUtc, AnsweredUtc ?? ArrivedUtc));
        ArgumentOutOfRangeException.ThrowIfLessThan(endedUtc, latestStart);

        EndedUtc = endedUtc;
        var waitEnd = AnsweredUtc ?? LeftQueueUtc ?? endedUtc;
        WaitSeconds = QueuedUtc is { } queued ? WholeSeconds(waitEnd - queued) : 0;
        TalkSeconds = AnsweredUtc is { } answered ? WholeSeconds(endedUtc - answered) : 0;
        if (!IsDispositionSet)
        {
            Disposition = AnsweredUtc is null ? CallDisposition.Abandoned : CallDisposition.Answered;
        }
    }

    // An answer recorded before the queue time (clock step) counts as no wait, not a negative one.
    private static int WholeSeconds(TimeSpan span)
        => span <= TimeSpan.Zero ? 0 : (int)(span.Ticks / TimeSpan.TicksPerSecond);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
