namespace Appliance.Web.Api;

/// <summary>The admin page's mailbox PIN form: an extension's number and its new PIN (empty clears it).</summary>
internal sealed record MailboxPinRequest(string? Number, string? Pin);
