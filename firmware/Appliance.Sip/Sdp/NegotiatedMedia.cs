using System.Net;

namespace Appliance.Sip.Sdp;

/// <summary>
/// The audio stream both sides agreed on: where to send RTP, the payload type and codec name
/// ("PCMU" or "PCMA"), the RFC 4733 telephone-event payload type if the peer takes one, and
/// the packet time the peer asked for (20 ms when it said nothing).
/// </summary>
public readonly record struct NegotiatedMedia(
    IPEndPoint RemoteRtp,
    int PayloadType,
    string Codec,
    int? TelephoneEventPayloadType,
    int PtimeMs);
