namespace Appliance.Media.Rtcp;

/// <summary>
/// The sender information of an SR (RFC 3550 §6.4.1): the wallclock as an NTP timestamp, the
/// RTP timestamp of the same instant, and the packets and payload octets sent so far.
/// </summary>
public readonly record struct SenderInfo(
    ulong NtpTimestamp,
    uint RtpTimestamp,
    uint PacketCount,
    uint OctetCount);
