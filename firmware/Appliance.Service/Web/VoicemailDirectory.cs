using Appliance.Telephony.Voicemail;
using Appliance.Web.Voicemail;

namespace Appliance.Service.Web;

/// <summary>The web's view of the mailboxes: the voicemail box, and the lamps it keeps right.</summary>
internal sealed class VoicemailDirectory : IVoicemailDirectory
{
    private readonly IVoicemailBox _box;
    private readonly MessageWaitingNotifier _lamps;
    private readonly string _dataDirectory;

    public VoicemailDirectory(IVoicemailBox box, MessageWaitingNotifier lamps, string dataDirectory)
    {
        _box = box;
        _lamps = lamps;
        _dataDirectory = Path.GetFullPath(dataDirectory);
    }

    public IReadOnlyList<VoicemailListing> Messages(string mailbox) =>
        [.. _box.Messages(mailbox).Select(m => new VoicemailListing(
            m.Id,
            m.Mailbox,
            m.CallerNumber,
            m.RecordedUtc,
            (int)m.Duration.TotalSeconds,
            m.Heard,
            $"/api/voicemail/{Uri.EscapeDataString(mailbox)}/{m.Id}/audio"))];

    public string? AudioPath(string mailbox, int id)
    {
        var message = Find(mailbox, id);
        if (message is null)
        {
            return null;
        }

        // The file name comes from the database; it must still lie under the data folder.
        var path = Path.GetFullPath(Path.Combine(_dataDirectory, message.File));
        return path.StartsWith(_dataDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? path : null;
    }

    public bool MarkHeard(string mailbox, int id)
    {
        var message = Find(mailbox, id);
        if (message is null)
        {
            return false;
        }

        if (!message.Heard && _box.MarkHeard(id))
        {
            _lamps.Notify(mailbox);
        }

        return true;
    }

    public bool Delete(string mailbox, int id)
    {
        if (Find(mailbox, id) is null || !_box.Delete(id))
        {
            return false;
        }

        _lamps.Notify(mailbox);
        return true;
    }

    private StoredVoicemail? Find(string mailbox, int id) => _box.Messages(mailbox).FirstOrDefault(m => m.Id == id);
}
