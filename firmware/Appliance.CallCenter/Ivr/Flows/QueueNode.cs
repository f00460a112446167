using Appliance.CallCenter.Routing;

namespace Appliance.CallCenter.Ivr.Flows;

/// <summary>
/// Ends the flow by queueing the call with its priority and skill requirement. With
/// <paramref name="PriorityVariable"/> the priority is that variable's value when the call gets
/// here (<c>"priority": "${customer.vip}"</c>), and the requirement's own when it is not a whole
/// number from 0 to 1000.
/// </summary>
public sealed record QueueNode(
    string Id,
    string Queue,
    CallRequirements Requirements,
    string? PriorityVariable = null) : FlowNode(Id)
{
    public override IEnumerable<(string Field, string Target)> Branches() => [];
}
