namespace Appliance.Drivers.Gsm;

/// <summary>
/// One report of a module. <see cref="Number"/> is the caller or the sender; <see cref="Text"/>
/// the message body on <see cref="GsmEventKind.SmsReceived"/> or the result code that ended a
/// call on <see cref="GsmEventKind.CallEnded"/>; <see cref="ServiceCentreTime"/> the time stamp
/// the network put on a message, as text mode prints it (yy/MM/dd,hh:mm:ss±zz).
/// <see cref="Complete"/> is false for a long message a part of which never came (the text is
/// that of the parts that did) and for a PDU that could not be read (the text is "PDU " and the
/// PDU's hex).
/// </summary>
public sealed record GsmEvent(
    GsmEventKind Kind,
    string Number = "",
    string Text = "",
    string ServiceCentreTime = "",
    bool Complete = true);
