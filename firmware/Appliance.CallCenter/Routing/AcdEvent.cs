namespace Appliance.CallCenter.Routing;

/// <summary>One distributor event waiting in the outbox. <see cref="Offer"/> is null for NoAgents.</summary>
internal readonly record struct AcdEvent(AcdEventKind Kind, AcdOffer? Offer, string CallId, string Queue);
