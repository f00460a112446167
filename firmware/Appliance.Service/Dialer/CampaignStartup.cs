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

        var done = stored.Where(r => r.Disposition is not null).Select(r => r.ContactId).ToHashSet(StringComparer.Ordinal);
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
