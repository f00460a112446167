using SQLite;

namespace Appliance.Storage.Rows;

/// <summary>
/// One recorded voicemail (table <c>Voicemail</c>): the mailbox (an extension), the call it came
/// from, its WAV file relative to the data folder, whether it has been heard (new messages are
/// unheard, old ones heard and kept) and whether its owner deleted it (the row stays, the file
/// goes, so the call's history still names it).
/// </summary>
[Table("Voicemail")]
public sealed class VoicemailRow
{
    [PrimaryKey, AutoIncrement]
    public int Id { get; set; }

    [NotNull, Indexed]
    public string Mailbox { get; set; } = "";

    [NotNull]
    public string CallId { get; set; } = "";

    [NotNull]
    public string CallerNumber { get; set; } = "";

    [NotNull]
    public string File { get; set; } = "";

    public DateTime RecordedUtc { get; set; }

    public int Seconds { get; set; }

    public bool Heard { get; set; }

    public bool Deleted { get; set; }
}
