using System.Net;

namespace Appliance.Sip.Sdp;

/// <summary>
/// The audio stream both sides agreed on: where to send RTP, the payload type and codec name
/// ("G722", "PCMU", "PCMA" or "OPUS"), the RFC 4733 telephone-event payload type at that
/// codec's clock rate if the peer takes one, and the packet time the peer asked for (its
/// ptime, no more than its maxptime; 20 ms when it said nothing).
/// </summary>
public readonly record struct NegotiatedMedia(
    IPEndPoint RemoteRtp,
    int PayloadType,
    string Codec,
    int? TelephoneEventPayloadType,
    int PtimeMs)
{
    /// <summary>
    /// Where the peer wants its RTCP when it said so with <c>a=rtcp</c> (RFC 3605), for a peer
    /// whose RTCP port is not its RTP port plus one (a NAT that mapped the two apart); null for
    /// the RFC 3550 §11 default, the RTP port plus one.
    /// </summary>
    public IPEndPoint? RemoteRtcp { get; init; }
}
