using Appliance.CallCenter.Queues;

namespace Appliance.CallCenter.Routing;

/// <summary>
/// A call sent out of its queue by a rule. When <see cref="Exit"/> is another queue the call is
/// still in the distributor, now waiting there; when it is <see cref="QueueExitKind.Callback"/>
/// the call still waits in its queue while the caller is offered a callback; otherwise it has left the distributor and
/// Telephony carries it to the exit.
/// </summary>
/// <param name="CallId">The call.</param>
/// <param name="Queue">The queue it left.</param>
/// <param name="Reason">Which rule.</param>
/// <param name="Exit">Where it goes.</param>
public sealed record AcdOverflow(string CallId, string Queue, OverflowReason Reason, QueueExit Exit);
