namespace Appliance.Telephony.Voicemail;

/// <summary>The new (unheard) and old (heard, kept) messages of a mailbox, as RFC 3842 counts them.</summary>
public readonly record struct MailboxCount(int New, int Old);
