using SQLite;

namespace Appliance.Storage.Rows;

/// <summary>
/// One outbound attempt of a campaign (table <c>CampaignAttempt</c>): written when the attempt
/// ends, and given the agent's disposition when the wrap-up closes. Results are the names of
/// <c>CallResult</c> in lower case (connected, busy, no-answer, failed, machine, abandoned).
/// </summary>
[Table("CampaignAttempt")]
public sealed class CampaignAttemptRow
{
    [PrimaryKey, AutoIncrement]
    public long Id { get; set; }

    [NotNull, Indexed]
    public string Campaign { get; set; } = "";

    [NotNull, Indexed]
    public string ContactId { get; set; } = "";

    [NotNull]
    public string PhoneNumber { get; set; } = "";

    /// <summary>The SIP Call-ID of the leg to the contact.</summary>
    [NotNull, Unique]
    public string CallId { get; set; } = "";

    /// <summary>1 for the first attempt at this contact in this campaign.</summary>
    public int Attempt { get; set; }

    [NotNull]
    public string Result { get; set; } = "";

    /// <summary>The final SIP status of the contact's INVITE (200 when answered).</summary>
    public int SipStatus { get; set; }

    public string? Agent { get; set; }

    /// <summary>The agent's disposition code; null until the wrap-up closes, and for unanswered attempts.</summary>
    public string? Disposition { get; set; }

    /// <summary>ISO 8601 UTC times.</summary>
    [NotNull]
    public string DialedUtc { get; set; } = "";

    public string? AnsweredUtc { get; set; }

    /// <summary>The call-back the agent booked with the disposition (ISO 8601 UTC), or null.</summary>
    public string? CallbackUtc { get; set; }

    [NotNull]
    public string EndedUtc { get; set; } = "";

    /// <summary>
    /// When the retry rules will dial the contact again after this attempt (ISO 8601 UTC), as
    /// scheduled when it ended; null when connected, when the contact is exhausted, and in rows
    /// stored before the column existed. A restart reads it back from the contact's last row.
    /// </summary>
    public string? RetryUtc { get; set; }
}
