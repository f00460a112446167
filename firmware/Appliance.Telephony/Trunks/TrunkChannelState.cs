namespace Appliance.Telephony.Trunks;

/// <summary>What a busy card channel is doing, as the web UI and the LCD show it.</summary>
public enum TrunkChannelState
{
    /// <summary>An FXO line rings and its caller ID is awaited before the call is offered.</summary>
    Offered,

    /// <summary>An inbound call is offered to the box and not yet answered.</summary>
    Ringing,

    /// <summary>An outbound call is dialled on the line and the far party has not answered.</summary>
    Dialling,

    /// <summary>Both sides answered; audio crosses.</summary>
    Connected,
}
