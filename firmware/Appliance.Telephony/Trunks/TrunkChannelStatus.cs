namespace Appliance.Telephony.Trunks;

/// <summary>One card channel that carries or is setting up a call; idle channels are not
/// listed. <see cref="CallId"/> is the SIP Call-ID of the gateway's leg, absent while an FXO line
/// waits for its caller ID.</summary>
public sealed record TrunkChannelStatus(
    int Port,
    string PortName,
    int Channel,
    TrunkChannelState State,
    string? CallId);
