namespace Appliance.Web.Trunks;

/// <summary>Trunk state at one moment.</summary>
/// <param name="TakenUtc">When the state was read.</param>
/// <param name="UpstreamReachable">Whether the SIP core inbound PSTN calls go to answered the last
/// OPTIONS; while false, inbound calls take the local fallback route.</param>
/// <param name="Groups">Trunk groups in the order outbound routes name them.</param>
/// <param name="Ports">Every card port (E1 span, FXO line, GSM slot).</param>
/// <param name="Channels">Channels with a call; an idle channel is not listed.</param>
public sealed record LiveTrunks(
    DateTimeOffset TakenUtc,
    bool UpstreamReachable,
    IReadOnlyList<LiveTrunkGroup> Groups,
    IReadOnlyList<LiveTrunkPort> Ports,
    IReadOnlyList<LiveTrunkChannel> Channels)
{
    /// <summary>The carrier trunks of Sip:Trunks with their registration state.</summary>
    public IReadOnlyList<LiveSipTrunk> SipTrunks { get; init; } = [];
}
