namespace Appliance.CallCenter.Routing;

/// <summary>
/// One call offered to one agent: raised by <see cref="AutomaticCallDistributor.OfferCall"/>
/// when the agent's phone should ring, and again by
/// <see cref="AutomaticCallDistributor.OfferWithdrawn"/> with a <paramref name="Reason"/> when
/// ringing must stop.
/// </summary>
/// <param name="CallId">The caller's call.</param>
/// <param name="AgentId">The agent whose phone rings.</param>
/// <param name="Queue">The queue the call waited in.</param>
/// <param name="RingTimeout">How long the ACD lets it ring before it withdraws the offer.</param>
/// <param name="Reason">Null on an offer; why it was withdrawn on a withdrawal.</param>
public sealed record AcdOffer(
    string CallId,
    string AgentId,
    string Queue,
    TimeSpan RingTimeout,
    WithdrawReason? Reason);
