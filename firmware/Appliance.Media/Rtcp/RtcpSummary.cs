namespace Appliance.Media.Rtcp;

/// <summary>
/// What a received compound RTCP packet told us: who sent it, the NTP time of its SR (null for
/// an RR), its report block about our stream (null when it has none) and whether it said BYE.
/// </summary>
public readonly record struct RtcpSummary(
    uint SenderSsrc,
    ulong? SenderNtpTimestamp,
    ReceptionReport? AboutUs,
    bool Bye);
