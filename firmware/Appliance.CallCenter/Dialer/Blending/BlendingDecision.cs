namespace Appliance.CallCenter.Dialer.Blending;

/// <summary>
/// What the host does now: move the listed agents (log them out of the campaign and into the
/// inbound queue, or back) and let outbound pace only when <see cref="OutboundPacingAllowed"/>.
/// </summary>
public sealed record BlendingDecision(
    BlendingMode Mode,
    bool OutboundPacingAllowed,
    IReadOnlyList<string> ToInbound,
    IReadOnlyList<string> ToOutbound);
