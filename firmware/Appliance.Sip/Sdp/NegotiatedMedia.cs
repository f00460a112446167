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
    int PtimeMs);
