namespace Appliance.Drivers.Gsm;

/// <summary>
/// One report of a module. <see cref="Number"/> is the caller or the sender; <see cref="Text"/>
/// the message body on <see cref="GsmEventKind.SmsReceived"/> or the result code that ended a
/// call on <see cref="GsmEventKind.CallEnded"/>; <see cref="ServiceCentreTime"/> the time stamp
/// the network put on a message, as the module printed it.
/// </summary>
public sealed record GsmEvent(
    GsmEventKind Kind,
    string Number = "",
    string Text = "",
    string ServiceCentreTime = "");
