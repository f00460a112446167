using Appliance.Storage.Rows;

namespace Appliance.Storage;

/// <summary>The voicemail messages.</summary>
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
            return db.Table<VoicemailRow>().Count(v => v.Mailbox == message.Mailbox && !v.Heard);
        });
    }

    /// <summary>The messages of a mailbox, newest first.</summary>
    public IReadOnlyList<VoicemailRow> Voicemails(string mailbox)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        return Run(db => db.Table<VoicemailRow>()
            .Where(v => v.Mailbox == mailbox)
            .OrderByDescending(v => v.Id)
            .ToList());
    }
}
