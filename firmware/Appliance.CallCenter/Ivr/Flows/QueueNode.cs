using Appliance.CallCenter.Routing;

namespace Appliance.CallCenter.Ivr.Flows;

/// <summary>Ends the flow by queueing the call with its priority and skill requirement.</summary>
public sealed record QueueNode(string Id, string Queue, CallRequirements Requirements) : FlowNode(Id)
{
    public override IEnumerable<(string Field, string Target)> Branches() => [];
}
