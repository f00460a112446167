namespace Appliance.Web.Voicemail;

/// <summary>
/// The mailboxes as the web sees them: listing, the audio file of a message, and the owner's
/// choices, each of which turns the mailbox's lamp to its new counts. Thread safe.
/// </summary>
public interface IVoicemailDirectory
{
    /// <summary>The messages kept in a mailbox, new ones first, each group oldest first.</summary>
    IReadOnlyList<VoicemailListing> Messages(string mailbox);

    /// <summary>The full path of a message's WAV file, or null when the mailbox has no such message.</summary>
    string? AudioPath(string mailbox, int id);

    /// <summary>Marks a message heard; false when the mailbox has no such message.</summary>
    bool MarkHeard(string mailbox, int id);

    /// <summary>Deletes a message (the row is kept as deleted, the file goes); false when there is none.</summary>
    bool Delete(string mailbox, int id);
}
