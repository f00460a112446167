namespace Appliance.Telephony.Trunks;

/// <summary>A trunk group's state: usable when at least one of its lines is in service and
/// free.</summary>
public sealed record TrunkGroupStatus(
    string Name,
    TrunkGroupKind Kind,
    bool InService,
    int FreeChannels,
    int BusyChannels);
