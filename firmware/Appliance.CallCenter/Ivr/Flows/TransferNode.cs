namespace Appliance.CallCenter.Ivr.Flows;

/// <summary>
/// Ends the flow by transferring the call: to an extension of this box, or, when
/// <paramref name="External"/> is set, to the external number in <paramref name="Extension"/>
/// through the box's outbound routes. When the transfer fails (not registered, busy, no answer,
/// the trunk refused it) the flow goes on at <paramref name="Failed"/>, or, without it, the caller
/// hears the no-agent apology.
/// </summary>
public sealed record TransferNode(string Id, string Extension, bool External = false, string? Failed = null)
    : FlowNode(Id)
{
    public override IEnumerable<(string Field, string Target)> Branches() =>
        Failed is null ? [] : [("failed", Failed)];
}
