using Appliance.Sip.Qualify;
using Appliance.Sip.Resolution;

namespace Appliance.Sip.Trunks;

/// <summary>One server of a carrier trunk and what OPTIONS qualify knows of it.</summary>
/// <param name="Target">The server's address, port and transport.</param>
/// <param name="Qualify">Reachability and round trips.</param>
public sealed record CarrierTrunkServer(SipTarget Target, SipQualifyStatus Qualify);
