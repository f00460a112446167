namespace Appliance.CallCenter.Ivr.Flows;

/// <summary>Plays <paramref name="Prompts"/> (digits pressed meanwhile are ignored), then goes on.</summary>
public sealed record PlayNode(string Id, IReadOnlyList<string> Prompts, string Next) : FlowNode(Id)
{
    public override IEnumerable<(string Field, string Target)> Branches() => [("next", Next)];
}
