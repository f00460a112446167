using System.Globalization;
using Appliance.CallCenter.Dialer;
using Appliance.Storage;
using Appliance.Storage.Rows;
using Appliance.Telephony.Campaigns;

namespace Appliance.Service.Dialer;

/// <summary>Stores campaign attempts in the <c>CampaignAttempt</c> table, synced per row.</summary>
internal sealed class DatabaseCampaignSink : ICampaignAttemptSink
{
    private readonly ApplianceDatabase _database;

    public DatabaseCampaignSink(ApplianceDatabase database)
    {
        _database = database;
    }

    public void AttemptEnded(CampaignAttempt attempt) => _database.SaveCampaignAttempt(new CampaignAttemptRow
    {
        Campaign = attempt.Campaign,
        ContactId = attempt.ContactId,
        PhoneNumber = attempt.PhoneNumber,
        CallId = attempt.CallId,
        Attempt = attempt.Attempt,
        Result = ResultName(attempt.Result),
        SipStatus = attempt.SipStatus,
        Agent = attempt.Agent,
        DialedUtc = Utc(attempt.DialedUtc),
        AnsweredUtc = attempt.AnsweredUtc is { } answered ? Utc(answered) : null,
        EndedUtc = Utc(attempt.EndedUtc),
        RetryUtc = attempt.RetryUtc is { } retry ? Utc(retry) : null,
    });

    public void DispositionGiven(string callId, string disposition, DateTimeOffset? callbackUtc) =>
        _database.SetCampaignDisposition(callId, disposition, callbackUtc is { } at ? Utc(at) : null);

    /// <summary>The stored name of a result: connected, busy, no-answer, failed, machine, abandoned.</summary>
    public static string ResultName(CallResult result) => result switch
    {
        CallResult.NoAnswer => "no-answer",
        _ => result.ToString().ToLowerInvariant(),
    };

    private static string Utc(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
