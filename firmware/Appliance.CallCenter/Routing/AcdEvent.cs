namespace Appliance.CallCenter.Routing;

/// <summary>
/// One distributor event waiting in the outbox; <see cref="Payload"/> is the argument of the
/// public event (an offer, an overflow, a state change), null for NoAgents.
/// </summary>
internal readonly record struct AcdEvent(AcdEventKind Kind, string CallId, string Queue, object? Payload);
