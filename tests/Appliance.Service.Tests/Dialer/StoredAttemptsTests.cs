using Appliance.CallCenter.Dialer;
using Appliance.Service.Dialer;
using Appliance.Storage;
using Appliance.Telephony.Campaigns;
using Serilog;

namespace Appliance.Service.Tests.Dialer;

/// <summary>
/// The restore across a restart through the real database: rows written by the service's sink,
/// read back by the start-up and given to a new scheduler over the same contacts.
/// </summary>
public sealed class StoredAttemptsTests : IDisposable
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 4, 15, 0, 0, TimeSpan.Zero);

    private static readonly TimeZoneInfo s_utc = TimeZoneInfo.Utc;

    private readonly ILogger _log = new LoggerConfiguration().CreateLogger();
    private readonly string _folder = Directory.CreateTempSubdirectory("sparklecc-stored-attempts-").FullName;

    private readonly RetryPolicy _retry = new(
        new Dictionary<CallResult, RetryRule>
        {
            [CallResult.Busy] = new(TimeSpan.FromMinutes(2), 2),
            [CallResult.NoAnswer] = new(TimeSpan.FromMinutes(10), 3),
        },
        maxAttempts: 5);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ContactBusyTwiceWithTwoBusyAttemptsAllowedIsNotDialledAfterARestart()
    {
        Store(("c1", CallResult.Busy, s_start, s_start.AddMinutes(2)), ("c1", CallResult.Busy, s_start.AddMinutes(2), null));
        var (scheduler, contacts) = Restart();

        var dialled = scheduler.TryTakeNext(s_start.AddHours(1), out var contact);

        Assert.False(dialled, $"Contact {contact?.Id} was dialled again.");
        Assert.Equal(ContactStatus.Exhausted, contacts.Find("c1")!.Status);
        Assert.Equal(2, contacts.Find("c1")!.AttemptsEndedWith(CallResult.Busy));
    }

    [Fact]
    public void ContactWithItsNextRetryTenMinutesAheadIsNotDialledBeforeIt()
    {
        var retry = s_start.AddMinutes(10);
        Store(("c1", CallResult.NoAnswer, s_start, retry));
        var (scheduler, _) = Restart();

        var early = scheduler.TryTakeNext(retry.AddSeconds(-1), out _);
        var due = scheduler.TryTakeNext(retry, out var contact);

        Assert.False(early);
        Assert.True(due);
        Assert.Equal("c1", contact!.Id);
        Assert.Equal(2, contact.Attempts);
    }

    [Fact]
    public void AnUnreadableStoredResultIsLeftOutAndTheOthersRestored()
    {
        Store(("c1", CallResult.Busy, s_start, s_start.AddMinutes(2)));
        using (var database = ApplianceDatabase.Open(DatabasePath, _log))
        {
            database.SaveCampaignAttempt(new Storage.Rows.CampaignAttemptRow
            {
                Campaign = "trial", ContactId = "c1", PhoneNumber = "+15550000001", CallId = "odd",
                Attempt = 2, Result = "vanished", DialedUtc = "2026-12-04T15:01:00.000Z",
                EndedUtc = "2026-12-04T15:01:02.000Z",
            });
        }

        var (scheduler, contacts) = Restart();

        Assert.Equal(1, contacts.Find("c1")!.Attempts);
        Assert.Equal(s_start.AddMinutes(2), scheduler.NextDueUtc);
    }

    private string DatabasePath => Path.Combine(_folder, "appliance.db");

    private void Store(params (string Contact, CallResult Result, DateTimeOffset Dialed, DateTimeOffset? Retry)[] attempts)
    {
        using var database = ApplianceDatabase.Open(DatabasePath, _log);
        var sink = new DatabaseCampaignSink(database);
        var n = 0;
        foreach (var (contact, result, dialed, retry) in attempts)
        {
            n++;
            sink.AttemptEnded(new CampaignAttempt(
                "trial", contact, "+15550000001", $"call-{n}", n, result, 486, null,
                dialed, null, dialed.AddSeconds(2), retry));
        }
    }

    // As the service starts: a new contact list from the CSV, the stored rows read back.
    private (CampaignScheduler Scheduler, ContactList Contacts) Restart()
    {
        var contacts = new ContactList();
        contacts.TryAdd(new Contact("c1", "+15550000001", s_utc));
        var scheduler = new CampaignScheduler(
            contacts, new DoNotCallList(), CallingHours.Default, _retry);
        using var database = ApplianceDatabase.Open(DatabasePath, _log);
        foreach (var (id, stored) in CampaignStartup.StoredAttempts(database.CampaignAttempts("trial"), _log))
        {
            scheduler.Restore(contacts.Find(id)!, stored.Attempts, stored.RetryUtc);
        }

        return (scheduler, contacts);
    }
}
