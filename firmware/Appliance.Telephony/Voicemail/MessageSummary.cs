using System.Globalization;

namespace Appliance.Telephony.Voicemail;

/// <summary>
/// The body of a message-waiting NOTIFY (RFC 3842 §5.2, application/simple-message-summary):
/// whether messages wait, the account they are for, and the voice message counts new/old.
/// </summary>
public static class MessageSummary
{
    public const string ContentType = "application/simple-message-summary";

    /// <summary>RFC 3842 §4: the event package of message waiting.</summary>
    public const string EventPackage = "message-summary";

    public static string Body(string account, int newMessages, int oldMessages)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        ArgumentOutOfRangeException.ThrowIfNegative(newMessages);
        ArgumentOutOfRangeException.ThrowIfNegative(oldMessages);

        // RFC 3842 §5.2: the lines end in CRLF; "Voice-Message: new/old".
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Messages-Waiting: {(newMessages > 0 ? "yes" : "no")}\r\n"
            + $"Message-Account: {account}\r\n"
            + $"Voice-Message: {newMessages}/{oldMessages}\r\n");
    }
}
