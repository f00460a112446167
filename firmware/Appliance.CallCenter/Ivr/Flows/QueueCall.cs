using Appliance.CallCenter.Routing;

namespace Appliance.CallCenter.Ivr.Flows;

/// <summary>
/// Put the call in <paramref name="Queue"/> with <paramref name="Requirements"/>; the flow is over.
/// </summary>
public sealed record QueueCall(string Queue, CallRequirements Requirements) : IvrAction;
