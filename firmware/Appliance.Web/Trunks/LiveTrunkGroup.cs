namespace Appliance.Web.Trunks;

/// <summary>A trunk group's state.</summary>
/// <param name="Name">The group's name in Pstn:Groups.</param>
/// <param name="Kind">pstn (card ports) or sip (a SIP trunk).</param>
/// <param name="InService">At least one of its lines is free of alarms.</param>
/// <param name="FreeChannels">Channels on its lines in service that could take a call now.</param>
/// <param name="BusyChannels">Channels carrying a call.</param>
public sealed record LiveTrunkGroup(
    string Name,
    string Kind,
    bool InService,
    int FreeChannels,
    int BusyChannels);
