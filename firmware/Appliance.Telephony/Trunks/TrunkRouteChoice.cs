namespace Appliance.Telephony.Trunks;

/// <summary>
/// Where an outbound number goes: a trunk group and, for a PSTN group, the card port. The groups
/// passed over on the way, with the reason, are in <see cref="Skipped"/> for the log.
/// </summary>
public sealed record TrunkRouteChoice(TrunkGroup Group, int? Port, IReadOnlyList<string> Skipped);
