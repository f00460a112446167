using System.Net;

namespace Appliance.Sip.Resolution;

/// <summary>One place to send a request to, as RFC 3263 §4 orders them: address, port, transport.</summary>
/// <param name="EndPoint">The server's address and port.</param>
/// <param name="Transport">"udp", "tcp" or "tls", lower case.</param>
public readonly record struct SipTarget(IPEndPoint EndPoint, string Transport);
