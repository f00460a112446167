namespace Appliance.Drivers.Cards;

/// <summary>What happened on a card; the values are the ABI's sparkle_event_type.</summary>
public enum CardEventKind
{
    Incoming = 1,
    Ringing = 2,
    Answered = 3,
    Hangup = 4,
    Digit = 5,
    Alarm = 6,
    Restart = 7,

    /// <summary>A ring burst began on an FXO port whose call is offered and not yet answered.</summary>
    Ring = 8,
}
