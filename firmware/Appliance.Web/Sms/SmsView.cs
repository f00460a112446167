namespace Appliance.Web.Sms;

/// <summary>One text message.</summary>
/// <param name="Id">Its row in table Sms.</param>
/// <param name="Direction">in (received) or out (sent from the box).</param>
/// <param name="State">received, queued (waiting for a module to accept it), sent, or failed (the
/// module refuses the message itself, so trying again cannot help).</param>
/// <param name="Module">The GSM module it came in on or went out by; empty while queued for any.</param>
/// <param name="Number">The sender or the recipient.</param>
/// <param name="Text">The message.</param>
/// <param name="CreatedUtc">When it was received or queued.</param>
/// <param name="SentUtc">When a module accepted it, for a sent message.</param>
/// <param name="Attempts">Attempts at sending it so far.</param>
/// <param name="LastError">Why the last attempt failed, empty when none did.</param>
public sealed record SmsView(
    int Id,
    string Direction,
    string State,
    string Module,
    string Number,
    string Text,
    DateTimeOffset CreatedUtc,
    DateTimeOffset? SentUtc,
    int Attempts,
    string LastError);
