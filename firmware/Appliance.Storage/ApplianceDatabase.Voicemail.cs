using Appliance.Storage.Rows;

namespace Appliance.Storage;

/// <summary>The voicemail messages and the PINs of their mailboxes.</summary>
public sealed partial class ApplianceDatabase
{
    /// <summary>Stores a message and returns how many unheard messages its mailbox holds now.</summary>
    public int SaveVoicemail(VoicemailRow message)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrEmpty(message.Mailbox, nameof(message));

        return Run(db =>
        {
            db.Insert(message);
            return db.Table<VoicemailRow>().Count(v => v.Mailbox == message.Mailbox && !v.Heard && !v.Deleted);
        });
    }

    /// <summary>The messages of a mailbox, newest first, deleted ones included.</summary>
    public IReadOnlyList<VoicemailRow> Voicemails(string mailbox)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        return Run(db => db.Table<VoicemailRow>()
            .Where(v => v.Mailbox == mailbox)
            .OrderByDescending(v => v.Id)
            .ToList());
    }

    /// <summary>
    /// The messages of a mailbox its owner hears on the phone: not deleted, unheard ones first,
    /// each group oldest first (the order a caller left them in).
    /// </summary>
    public IReadOnlyList<VoicemailRow> MailboxMessages(string mailbox)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        return Run(db => db.Table<VoicemailRow>()
            .Where(v => v.Mailbox == mailbox && !v.Deleted)
            .OrderBy(v => v.Heard)
            .ThenBy(v => v.Id)
            .ToList());
    }

    /// <summary>One message by its id, or null when there is none.</summary>
    public VoicemailRow? FindVoicemail(int id) => Run(db => db.Find<VoicemailRow>(id));

    /// <summary>How many unheard (new) and heard (old) messages a mailbox keeps.</summary>
    public (int New, int Old) VoicemailCounts(string mailbox)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        return Run(db =>
        {
            var kept = db.Table<VoicemailRow>().Where(v => v.Mailbox == mailbox && !v.Deleted);
            var unheard = kept.Count(v => !v.Heard);
            return (unheard, kept.Count() - unheard);
        });
    }

    /// <summary>Marks a message heard; false when there is no such message or it is deleted.</summary>
    public bool MarkVoicemailHeard(int id) =>
        Run(db => db.Execute("UPDATE Voicemail SET Heard = 1 WHERE Id = ? AND Deleted = 0", id) == 1);

    /// <summary>Marks a message deleted; false when there is no such message or it was deleted already.</summary>
    public bool MarkVoicemailDeleted(int id) =>
        Run(db => db.Execute("UPDATE Voicemail SET Deleted = 1, Heard = 1 WHERE Id = ? AND Deleted = 0", id) == 1);

    /// <summary>The PIN of a mailbox, or null when none is set.</summary>
    public string? FindMailboxPin(string mailbox)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        var pin = Run(db => db.Find<MailboxRow>(mailbox)?.Pin);
        return string.IsNullOrEmpty(pin) ? null : pin;
    }

    /// <summary>Sets (or with an empty PIN, clears) the PIN of a mailbox.</summary>
    public void SetMailboxPin(string mailbox, string pin)
    {
        ArgumentException.ThrowIfNullOrEmpty(mailbox);
        ArgumentNullException.ThrowIfNull(pin);
        Run(db => db.InsertOrReplace(new MailboxRow { Number = mailbox, Pin = pin }));
    }
}
