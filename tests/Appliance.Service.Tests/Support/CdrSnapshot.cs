namespace Appliance.Service.Tests.Support;

/// <summary>
/// One row of the service's Cdr table as stored (times as ISO-8601 text, disposition as lower-case
/// text), mapped by column name by sqlite-net; the tests read the file, not the Storage API.
/// </summary>
public sealed class CdrSnapshot
{
    public int Id { get; set; }

    public string? CallId { get; set; }

    public string? CallerNumber { get; set; }

    public string? Did { get; set; }

    public string? IvrChoice { get; set; }

    public string? Queue { get; set; }

    public string? Agent { get; set; }

    public string? TransferredTo { get; set; }

    public string? TransferredUtc { get; set; }

    public string? TransferKind { get; set; }

    public string? ArrivedUtc { get; set; }

    public string? AnsweredUtc { get; set; }

    public string? EndedUtc { get; set; }

    public int WaitSeconds { get; set; }

    public int TalkSeconds { get; set; }

    public string? Disposition { get; set; }

    public string? RecordingFile { get; set; }

    public double? LossPercent { get; set; }

    public double? JitterMs { get; set; }

    public double? Mos { get; set; }

    public string? TrunkPort { get; set; }

    public int? TrunkChannel { get; set; }

    public string? Trunk { get; set; }

    public string? AgentPhone { get; set; }

    public string? OutboundTrunk { get; set; }

    public override string ToString() =>
        $"Cdr {Id}: {CallId} from {CallerNumber} to {Did}, ivr {IvrChoice}, queue {Queue}, agent {Agent}, "
        + $"arrived {ArrivedUtc}, answered {AnsweredUtc}, ended {EndedUtc}, wait {WaitSeconds} s, "
        + $"talk {TalkSeconds} s, {Disposition}, recording {RecordingFile}, trunk {Trunk}, phone {AgentPhone}";
}
