using SQLite;

namespace Appliance.Storage.Rows;

/// <summary>
/// One text message (table <c>Sms</c>) through a GSM module: received (<see cref="Direction"/>
/// "in", <see cref="State"/> "received", or "incomplete" when a part of a long message never came
/// or the module's PDU could not be read) or sent ("out": "queued" until the module accepts it,
/// then "sent" with the network's reference, or "failed" when no module can ever send it).
/// <see cref="Number"/> is the sender or the recipient.
/// Times are UTC; <see cref="NextAttemptUtc"/> is when a queued message is tried again.
/// </summary>
[Table("Sms")]
public sealed class SmsRow
{
    public const string Incoming = "in";
    public const string Outgoing = "out";
    public const string Received = "received";
    public const string Incomplete = "incomplete";
    public const string Queued = "queued";
    public const string Sent = "sent";
    public const string Failed = "failed";

    [PrimaryKey, AutoIncrement]
    public int Id { get; set; }

    [NotNull]
    public string Direction { get; set; } = Incoming;

    [NotNull, Indexed]
    public string State { get; set; } = Received;

    /// <summary>The GSM module's port name, or empty for "any module" on a queued message.</summary>
    [NotNull]
    public string Module { get; set; } = "";

    [NotNull]
    public string Number { get; set; } = "";

    [NotNull]
    public string Text { get; set; } = "";

    /// <summary>The service centre's time stamp of a received message, as the module gave it.</summary>
    [NotNull]
    public string ServiceCentreTime { get; set; } = "";

    /// <summary>Who queued an outgoing message (a web user or token), empty for received ones.</summary>
    [NotNull]
    public string QueuedBy { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    public DateTime? SentUtc { get; set; }

    public DateTime NextAttemptUtc { get; set; }

    public int Attempts { get; set; }

    /// <summary>The +CMGS message reference the network gave, once sent.</summary>
    public int? Reference { get; set; }

    /// <summary>Why the last attempt failed, empty when none did.</summary>
    [NotNull]
    public string LastError { get; set; } = "";
}
