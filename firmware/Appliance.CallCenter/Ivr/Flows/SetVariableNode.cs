namespace Appliance.CallCenter.Ivr.Flows;

/// <summary>Sets a call variable (kept with the call, e.g. for the agent or a later condition).</summary>
public sealed record SetVariableNode(string Id, string Variable, string Value, string Next) : FlowNode(Id)
{
    public override IEnumerable<(string Field, string Target)> Branches() => [("next", Next)];
}
