namespace Appliance.CallCenter.Dialer;

/// <summary>What a CSV import produced: the accepted contacts and the report of refused rows.</summary>
public sealed class ContactImportResult
{
    internal ContactImportResult(ContactList contacts, IReadOnlyList<RejectedRow> rejected, int rows)
    {
        Contacts = contacts;
        Rejected = rejected;
        RowCount = rows;
    }

    public ContactList Contacts { get; }

    /// <summary>Refused rows in file order.</summary>
    public IReadOnlyList<RejectedRow> Rejected { get; }

    /// <summary>Data rows read (the header and blank lines not counted).</summary>
    public int RowCount { get; }
}
