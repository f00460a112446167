using Appliance.Storage;
using Appliance.Storage.Rows;
using Appliance.Telephony.Voicemail;

namespace Appliance.Service.Records;

/// <summary>Voicemails as rows of table <c>Voicemail</c>; the WAV files stay where calls wrote them.</summary>
internal sealed class DatabaseVoicemailBox : IVoicemailBox
{
    private readonly ApplianceDatabase _database;

    public DatabaseVoicemailBox(ApplianceDatabase database)
    {
        _database = database;
    }

    public int Save(VoicemailMessage message) => _database.SaveVoicemail(new VoicemailRow
    {
        Mailbox = message.Mailbox,
        CallId = message.CallId,
        CallerNumber = message.CallerNumber,
        File = message.File,
        RecordedUtc = message.RecordedUtc.UtcDateTime,
        Seconds = (int)Math.Round(message.Duration.TotalSeconds),
    });
}
