using Appliance.Sip.Registration;

namespace Appliance.Sip.Trunks;

/// <summary>A carrier trunk at one moment, for the service status and <c>/api/trunks</c>.</summary>
/// <param name="Name">The trunk's name.</param>
/// <param name="Host">The carrier host it resolves.</param>
/// <param name="Reachable">False when qualify found every server unreachable; true otherwise,
/// and always when qualify is off.</param>
/// <param name="Registration">The outbound registration's state, or null when the trunk does not register.</param>
/// <param name="Servers">The servers qualify has checked, in the order last resolved; empty when it is off.</param>
public sealed record CarrierTrunkStatus(
    string Name,
    string Host,
    bool Reachable,
    SipRegistrationStatus? Registration,
    IReadOnlyList<CarrierTrunkServer> Servers);
