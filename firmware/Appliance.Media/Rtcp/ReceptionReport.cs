namespace Appliance.Media.Rtcp;

/// <summary>
/// One RTCP report block (RFC 3550 §6.4.1): what the reporter received from
/// <see cref="Ssrc"/>. <see cref="FractionLost"/> is of the last interval in 1/256 units,
/// <see cref="CumulativeLost"/> a signed 24-bit count, <see cref="Jitter"/> in timestamp units,
/// <see cref="LastSenderReport"/> the middle 32 bits of the NTP time of the last SR heard and
/// <see cref="DelaySinceLastSenderReport"/> in 1/65536 s.
/// </summary>
public readonly record struct ReceptionReport(
    uint Ssrc,
    byte FractionLost,
    int CumulativeLost,
    uint ExtendedHighestSequence,
    uint Jitter,
    uint LastSenderReport = 0,
    uint DelaySinceLastSenderReport = 0);
