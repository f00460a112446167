namespace Appliance.CallCenter.Ivr.Flows;

/// <summary>Ends the flow by transferring the call to an extension.</summary>
public sealed record TransferNode(string Id, string Extension) : FlowNode(Id)
{
    public override IEnumerable<(string Field, string Target)> Branches() => [];
}
