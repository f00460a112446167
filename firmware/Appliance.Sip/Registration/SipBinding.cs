using System.Net;
using Appliance.Sip.Messages;

namespace Appliance.Sip.Registration;

/// <summary>
/// One registered contact of a user (RFC 3261 §10.3). <see cref="Source"/> is where the REGISTER
/// came from, the address to reach a phone behind NAT; <see cref="Expires"/> is absolute time.
/// </summary>
public sealed record SipBinding(string User, SipUri Contact, IPEndPoint Source, DateTimeOffset Expires);
