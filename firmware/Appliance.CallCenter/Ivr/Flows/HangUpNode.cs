namespace Appliance.CallCenter.Ivr.Flows;

/// <summary>Ends the flow: plays the prompts, if any, then the box hangs up.</summary>
public sealed record HangUpNode(string Id, IReadOnlyList<string> Prompts) : FlowNode(Id)
{
    public override IEnumerable<(string Field, string Target)> Branches() => [];
}
