namespace Appliance.Telephony.Trunks;

/// <summary>
/// A named set of lines used together: card ports (E1 spans, FXO ports, GSM slots, by port number)
/// or one SIP trunk by name. Immutable.
/// </summary>
public sealed record TrunkGroup(
    string Name,
    TrunkGroupKind Kind,
    IReadOnlyList<int> Ports,
    string? SipTrunk = null)
{
    public static TrunkGroup Pstn(string name, params int[] ports) => new(name, TrunkGroupKind.Pstn, ports);

    public static TrunkGroup Sip(string name, string sipTrunk) => new(name, TrunkGroupKind.Sip, [], sipTrunk);
}
