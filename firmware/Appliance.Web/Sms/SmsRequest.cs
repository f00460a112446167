namespace Appliance.Web.Sms;

/// <summary>The send form of the SMS page: recipient and text.</summary>
public sealed record SmsRequest(string? Number, string? Text);
