namespace Appliance.Web.Trunks;

/// <summary>One card port.</summary>
/// <param name="Port">The port's number on the card.</param>
/// <param name="Name">Its name, as in Pstn:Groups and the call record (<c>e1-0</c>, <c>fxo-1</c>).</param>
/// <param name="Kind">e1, r2, fxo or gsm.</param>
/// <param name="Group">The trunk group it belongs to, or null when none.</param>
/// <param name="Channels">Its channels (30 on an E1 span, 1 on a line or module).</param>
/// <param name="BusyChannels">Channels carrying a call.</param>
/// <param name="InService">No alarm is raised.</param>
/// <param name="Alarms">Raised alarms: LOS, AIS, RAI, no-battery, d-channel-down.</param>
/// <param name="Module">Registration, signal and operator when the port is a GSM module driven by
/// AT commands; null for card ports.</param>
public sealed record LiveTrunkPort(
    int Port,
    string Name,
    string Kind,
    string? Group,
    int Channels,
    int BusyChannels,
    bool InService,
    IReadOnlyList<string> Alarms,
    LiveGsmModule? Module = null);
