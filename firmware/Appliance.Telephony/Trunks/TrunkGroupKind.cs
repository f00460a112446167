namespace Appliance.Telephony.Trunks;

/// <summary>Whether a trunk group's channels are card ports or a SIP trunk.</summary>
public enum TrunkGroupKind
{
    Pstn,
    Sip,
}
