namespace Appliance.Drivers.Gsm.Pdu;

/// <summary>A whole message out of <see cref="SmsReassembly"/>: the sender, the text of its parts
/// in order, the first part's time stamp, and whether every part came (when not, the text is
/// that of the parts that did).</summary>
public sealed record ReceivedSms(string Originator, string Text, string ServiceCentreTime, bool Complete);
