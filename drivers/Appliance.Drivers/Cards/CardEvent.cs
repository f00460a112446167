namespace Appliance.Drivers.Cards;

/// <summary>
/// One event from a card. <see cref="Cause"/> is a Q.850 cause on <see cref="CardEventKind.Hangup"/>;
/// the numbers are filled in on <see cref="CardEventKind.Incoming"/>; <see cref="Alarms"/> is the
/// port's state when the event was raised.
/// </summary>
public sealed record CardEvent(
    CardEventKind Kind,
    int Port,
    int Channel,
    int Cause,
    PortAlarms Alarms,
    char Digit,
    PhoneNumber Calling,
    PhoneNumber Called);
