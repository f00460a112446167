using SQLite;

namespace Appliance.Storage.Rows;

/// <summary>
/// The PIN of a voicemail mailbox (table <c>Mailbox</c>), keyed by the extension that owns it.
/// A mailbox without a row, or with an empty PIN, cannot be reached from another phone (*98).
/// The PIN is kept in clear text: it is a few digits keyed on a phone, not a password.
/// </summary>
[Table("Mailbox")]
public sealed class MailboxRow
{
    [PrimaryKey]
    public string Number { get; set; } = "";

    [NotNull]
    public string Pin { get; set; } = "";
}
