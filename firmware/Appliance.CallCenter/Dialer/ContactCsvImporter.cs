using System.Diagnostics.CodeAnalysis;

namespace Appliance.CallCenter.Dialer;

/// <summary>
/// Reads a contact list from RFC 4180 CSV. The first record is the header; the columns
/// <c>id</c>, <c>phone</c> and <c>timezone</c> are required, <c>name</c> is optional, and every
/// other column is kept in <see cref="Contact.Fields"/> for the agent's screen. Header names
/// are matched without regard to case or surrounding spaces. Each row either becomes a contact
/// or is reported with its line number and reason; one bad row never stops the import.
/// </summary>
public static class ContactCsvImporter
{
    private static readonly string[] s_required = ["id", "phone", "timezone"];

    /// <summary>
    /// Imports every row of <paramref name="csv"/>, which the caller owns and disposes. Numbers on
    /// <paramref name="doNotCall"/>, when given, are imported (so the report counts them) but
    /// marked <see cref="ContactStatus.DoNotCall"/> and never dialled.
    /// </summary>
    public static ContactImportResult Import(TextReader csv, DoNotCallList? doNotCall = null)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var reader = new CsvRecordReader(csv);
        var contacts = new ContactList();
        var rejected = new List<RejectedRow>();

        var header = reader.Read();
        if (header is null || header.Error is not null)
        {
            rejected.Add(new RejectedRow(header?.LineNumber ?? 1, ContactRejection.MissingColumn,
                header?.Error ?? "the file is empty"));
            return new ContactImportResult(contacts, rejected, 0);
        }

        var columns = header.Fields.Select(f => f.Trim().ToLowerInvariant()).ToArray();
        var missing = s_required.Where(r => !columns.Contains(r)).ToArray();
        if (missing.Length > 0)
        {
            rejected.Add(new RejectedRow(header.LineNumber, ContactRejection.MissingColumn,
                $"header lacks {string.Join(", ", missing)}"));
            return new ContactImportResult(contacts, rejected, 0);
        }

        var rows = 0;
        while (reader.Read() is { } record)
        {
            rows++;
            if (TryCreate(record, columns, contacts, out var contact, out var rejection))
            {
                contacts.TryAdd(contact);
                if (doNotCall is not null && doNotCall.Contains(contact.PhoneNumber))
                {
                    contact.Status = ContactStatus.DoNotCall;
                }
            }
            else
            {
                rejected.Add(rejection);
            }
        }

        return new ContactImportResult(contacts, rejected, rows);
    }

    private static bool TryCreate(
        CsvRecord record,
        string[] columns,
        ContactList accepted,
        [NotNullWhen(true)] out Contact? contact,
        out RejectedRow rejection)
    {
        contact = null;
        var line = record.LineNumber;
        if (record.Error is not null)
        {
            rejection = new RejectedRow(line, ContactRejection.MalformedQuoting, record.Error);
            return false;
        }

        if (record.Fields.Count != columns.Length)
        {
            rejection = new RejectedRow(line, ContactRejection.FieldCount,
                $"{record.Fields.Count} fields where the header has {columns.Length}");
            return false;
        }

        var cells = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Length; i++)
        {
            cells[columns[i]] = record.Fields[i].Trim();
        }

        var id = cells["id"];
        if (id.Length == 0)
        {
            rejection = new RejectedRow(line, ContactRejection.MissingId, "the id is empty");
            return false;
        }

        if (accepted.ContainsId(id))
        {
            rejection = new RejectedRow(line, ContactRejection.DuplicateId,
                $"id '{id}' repeats an earlier row");
            return false;
        }

        if (!PhoneNumber.TryNormalize(cells["phone"], out var number, out var reason))
        {
            rejection = new RejectedRow(line, ContactRejection.InvalidPhoneNumber,
                $"phone '{cells["phone"]}': {reason}");
            return false;
        }

        if (accepted.ContainsNumber(number))
        {
            rejection = new RejectedRow(line, ContactRejection.DuplicatePhoneNumber,
                $"phone {number} repeats an earlier row");
            return false;
        }

        if (!TryFindIanaZone(cells["timezone"], out var zone))
        {
            rejection = new RejectedRow(line, ContactRejection.UnknownTimeZone,
                $"'{cells["timezone"]}' is not an IANA time zone id");
            return false;
        }

        var fields = cells.Where(c => c.Key is not ("id" or "phone" or "timezone" or "name"))
            .ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        var name = cells.GetValueOrDefault("name") is { Length: > 0 } given ? given : null;
        contact = new Contact(id, number, zone, name, fields);
        rejection = default;
        return true;
    }

    // Windows ids ("Eastern Standard Time") resolve too on ICU systems; the list format asks for
    // IANA ids, so those are refused rather than silently mapped.
    private static bool TryFindIanaZone(string id, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        zone = null;
        return id.Length > 0
            && TimeZoneInfo.TryFindSystemTimeZoneById(id, out zone)
            && zone.HasIanaId;
    }
}
