namespace Appliance.Telephony.Voicemail;

/// <summary>
/// Where recorded voicemails are kept and how their owners go through them. Called from calls'
/// mailboxes and the web; every member must be thread safe.
/// </summary>
public interface IVoicemailBox
{
    /// <summary>Stores the message and returns how many unheard messages its mailbox now holds.</summary>
    int Save(VoicemailMessage message);

    /// <summary>
    /// The messages the owner hears, in the order heard: new (unheard) ones first, then old
    /// (heard, kept) ones, each oldest first. Deleted messages are not listed.
    /// </summary>
    IReadOnlyList<StoredVoicemail> Messages(string mailbox);

    /// <summary>How many new and old messages the mailbox keeps: the counts of its lamp.</summary>
    MailboxCount Count(string mailbox);

    /// <summary>Marks a message heard (old); false when it is gone.</summary>
    bool MarkHeard(int id);

    /// <summary>Deletes a message: the row is kept as deleted, its audio file is removed.</summary>
    bool Delete(int id);

    /// <summary>The PIN of the mailbox, or null when none is set (then it opens from its own phone only).</summary>
    string? PinOf(string mailbox);
}
