using Appliance.Sip.Registration;

namespace Appliance.Sip.Trunks;

/// <summary>A carrier trunk at one moment, for the service status and <c>/api/trunks</c>.</summary>
/// <param name="Name">The trunk's name.</param>
/// <param name="Host">The carrier host it resolves.</param>
/// <param name="Registration">The outbound registration's state, or null when the trunk does not register.</param>
public sealed record CarrierTrunkStatus(string Name, string Host, SipRegistrationStatus? Registration);
