using System.Globalization;
using Appliance.CallCenter.Dialer;
using Appliance.Service.Configuration;
using Appliance.Storage;
using Appliance.Telephony.Campaigns;
using Appliance.Telephony.Signalling;
using Serilog;

namespace Appliance.Service.Dialer;

/// <summary>
/// Builds the configured campaigns as the service starts: imports each contact list (rejected
/// rows are logged with their line), leaves out contacts whose stored attempts already closed
/// them, and starts each campaign's dialler.
/// </summary>
internal static class CampaignStartup
{
    /// <exception cref="ConfigurationException">A contact or do-not-call file cannot be read, or a
    /// campaign's settings are refused by the dialler.</exception>
    public static IReadOnlyList<CampaignDialer> Start(
        IReadOnlyList<CampaignSettings> campaigns,
        Switchboard switchboard,
        ApplianceDatabase database,
        ILogger log,
        Stack<Func<ValueTask>> closers)
    {
        var dialers = new List<CampaignDialer>();
        var sink = new DatabaseCampaignSink(database);
        foreach (var settings in campaigns)
        {
            var name = settings.Campaign.Campaign.Name;
            var doNotCall = ReadDoNotCall(settings, log);
            var stored = database.CampaignAttempts(name);
            var contacts = ReadContacts(settings, doNotCall, stored, log);
            var attempts = stored.GroupBy(r => r.ContactId).ToDictionary(g => g.Key, g => g.Count());
            CampaignDialer dialer;
            try
            {
                dialer = new CampaignDialer(switchboard, settings.Campaign, contacts, doNotCall, sink, attempts);
            }
            catch (ArgumentException ex)
            {
                throw new ConfigurationException("Dialer:Campaigns", ex.Message);
            }

            foreach (var (contactId, restored) in StoredAttempts(stored, log))
            {
                dialer.RestoreAttempts(contactId, restored.Attempts, restored.RetryUtc);
            }

            RestoreCallbacks(dialer, stored, log);
            dialer.Attach();
            closers.Push(dialer.DisposeAsync);
            dialers.Add(dialer);
            log.Information(
                "Campaign {Campaign} loaded: {Contacts} contacts to call, {Agents} agents, mode {Mode}, trunk {Trunk}",
                name,
                contacts.Count,
                settings.Campaign.AgentIds.Count,
                settings.Campaign.Campaign.Mode,
                settings.Campaign.Trunk.Destination);
        }

        return dialers;
    }

    private static DoNotCallList ReadDoNotCall(CampaignSettings settings, ILogger log)
    {
        var list = new DoNotCallList();
        if (settings.DoNotCallFile is not { } path)
        {
            return list;
        }

        foreach (var line in ReadLines(path, "DoNotCall"))
        {
            if (line.Trim().Length == 0)
            {
                continue;
            }

            try
            {
                list.Add(line);
            }
            catch (ArgumentException)
            {
                log.Warning("Do-not-call entry {Entry} in {Path} is not a phone number", line, path);
            }
        }

        return list;
    }

    /// <summary>
    /// The contacts still open: one with a disposition stored is done, and a restart must not call
    /// it again.
    /// </summary>
    private static ContactList ReadContacts(
        CampaignSettings settings,
        DoNotCallList doNotCall,
        IReadOnlyList<Storage.Rows.CampaignAttemptRow> stored,
        ILogger log)
    {
        var path = settings.ContactsFile;
        ContactImportResult imported;
        try
        {
            using var reader = new StreamReader(path);
            imported = ContactCsvImporter.Import(reader, doNotCall);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException("Dialer:Campaigns", $"contacts {path} cannot be read ({ex.Message})");
        }

        foreach (var rejected in imported.Rejected)
        {
            log.Warning(
                "Contact row {Line} of {Path} rejected ({Rejection}): {Detail}",
                rejected.LineNumber,
                path,
                rejected.Reason,
                rejected.Detail);
        }

        var done = LastDispositions(stored)
            .Where(r => r.CallbackUtc is null)
            .Select(r => r.ContactId)
            .ToHashSet(StringComparer.Ordinal);
        var open = new ContactList();
        foreach (var contact in imported.Contacts)
        {
            if (!done.Contains(contact.Id))
            {
                open.TryAdd(contact);
            }
        }

        return open;
    }

    // A contact's last disposition decides: closed, or a call-back booked. A call-back that was
    // dialled and then given a disposition of its own is closed by that later row.
    private static IEnumerable<Storage.Rows.CampaignAttemptRow> LastDispositions(
        IReadOnlyList<Storage.Rows.CampaignAttemptRow> stored) =>
        stored.Where(r => r.Disposition is not null)
            .GroupBy(r => r.ContactId, StringComparer.Ordinal)
            .Select(g => g.MaxBy(r => r.Id)!);

    /// <summary>
    /// Each contact's stored attempts, oldest first, with the retry stored with its last one: what
    /// the scheduler needs to go on where it stopped (counts per result, next retry). A row whose
    /// result or time cannot be read is logged and left out.
    /// </summary>
    internal static Dictionary<string, StoredContactAttempts> StoredAttempts(
        IReadOnlyList<Storage.Rows.CampaignAttemptRow> stored,
        ILogger log)
    {
        var byContact = new Dictionary<string, StoredContactAttempts>(StringComparer.Ordinal);
        foreach (var row in stored.OrderBy(r => r.Id))
        {
            if (ParseResult(row.Result) is not { } result || ParseUtc(row.DialedUtc) is not { } dialed)
            {
                log.Warning("Stored attempt {CallId} of contact {ContactId} is unreadable ({Result}, {DialedUtc}); left out",
                    row.CallId, row.ContactId, row.Result, row.DialedUtc);
                continue;
            }

            if (!byContact.TryGetValue(row.ContactId, out var entry))
            {
                entry = new StoredContactAttempts();
                byContact[row.ContactId] = entry;
            }

            entry.Attempts.Add((result, dialed));
            entry.RetryUtc = row.RetryUtc is { } retry ? ParseUtc(retry) : null;
        }

        return byContact;
    }

    private static CallResult? ParseResult(string name)
    {
        foreach (var result in Enum.GetValues<CallResult>())
        {
            if (DatabaseCampaignSink.ResultName(result) == name)
            {
                return result;
            }
        }

        return null;
    }

    private static DateTimeOffset? ParseUtc(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : null;

    private static void RestoreCallbacks(
        CampaignDialer dialer,
        IReadOnlyList<Storage.Rows.CampaignAttemptRow> stored,
        ILogger log)
    {
        var lastRows = stored.GroupBy(r => r.ContactId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Max(r => r.Id), StringComparer.Ordinal);
        foreach (var row in LastDispositions(stored))
        {
            // A call-back that was dialled and ended unanswered goes on by the retry rules.
            if (row.CallbackUtc is not { } text || lastRows[row.ContactId] != row.Id)
            {
                continue;
            }

            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var due))
            {
                log.Warning("Stored call-back {CallbackUtc} of contact {ContactId} is not a time; not booked",
                    text, row.ContactId);
                continue;
            }

            if (dialer.RestoreCallback(row.ContactId, due, row.Disposition!))
            {
                log.Information("Call-back of contact {ContactId} restored for {CallbackUtc}", row.ContactId, due);
            }
        }
    }

    private static string[] ReadLines(string path, string what)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException("Dialer:Campaigns", $"{what} file {path} cannot be read ({ex.Message})");
        }
    }
}
