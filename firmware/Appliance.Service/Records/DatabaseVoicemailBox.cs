using Appliance.Storage;
using Appliance.Storage.Rows;
using Appliance.Telephony.Voicemail;
using Serilog;

namespace Appliance.Service.Records;

/// <summary>
/// Voicemails as rows of table <c>Voicemail</c>; the WAV files stay where calls wrote them until
/// their owner deletes a message, when the row is marked deleted and the file removed.
/// </summary>
internal sealed class DatabaseVoicemailBox : IVoicemailBox
{
    private readonly ApplianceDatabase _database;
    private readonly string _dataDirectory;
    private readonly ILogger _log;

    public DatabaseVoicemailBox(ApplianceDatabase database, string dataDirectory, ILogger log)
    {
        _database = database;
        _dataDirectory = dataDirectory;
        _log = log.ForContext<DatabaseVoicemailBox>();
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

    public IReadOnlyList<StoredVoicemail> Messages(string mailbox) =>
        [.. _database.MailboxMessages(mailbox).Select(ToMessage)];

    public MailboxCount Count(string mailbox)
    {
        var (unheard, heard) = _database.VoicemailCounts(mailbox);
        return new MailboxCount(unheard, heard);
    }

    public bool MarkHeard(int id) => _database.MarkVoicemailHeard(id);

    public bool Delete(int id)
    {
        var row = _database.FindVoicemail(id);
        if (row is null || !_database.MarkVoicemailDeleted(id))
        {
            return false;
        }

        // The row goes first: a file that cannot be removed is only disk space, not a message.
        var path = Path.GetFullPath(Path.Combine(_dataDirectory, row.File));
        try
        {
            if (path.StartsWith(Path.GetFullPath(_dataDirectory), StringComparison.Ordinal))
            {
                File.Delete(path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _log.Warning(ex, "The file {Path} of deleted voicemail {VoicemailId} could not be removed", path, id);
        }

        return true;
    }

    public string? PinOf(string mailbox) => _database.FindMailboxPin(mailbox);

    internal static StoredVoicemail ToMessage(VoicemailRow row) => new(
        row.Id,
        row.Mailbox,
        row.CallerNumber,
        row.File,
        new DateTimeOffset(DateTime.SpecifyKind(row.RecordedUtc, DateTimeKind.Utc)),
        TimeSpan.FromSeconds(row.Seconds),
        row.Heard);
}
