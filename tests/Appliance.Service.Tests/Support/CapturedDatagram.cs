using System.Net;

namespace Appliance.Service.Tests.Support;

/// <summary>One IPv4 UDP datagram read from a capture file, in capture order.</summary>
public sealed record CapturedDatagram(
    DateTimeOffset Timestamp,
    IPEndPoint Source,
    IPEndPoint Destination,
    byte[] Payload);
