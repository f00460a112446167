namespace Appliance.Telephony.Campaigns;

/// <summary>
/// Where campaign results go (the service stores them in the database). Called from call
/// mailboxes and timers, so implementations must be thread-safe; an exception is logged by the
/// caller and costs nothing but the row.
/// </summary>
public interface ICampaignAttemptSink
{
    /// <summary>An attempt ended; it must be durable when this returns.</summary>
    void AttemptEnded(CampaignAttempt attempt);

    /// <summary>The agent's wrap-up of the attempt <paramref name="callId"/> closed with a code.</summary>
    void DispositionGiven(string callId, string disposition);
}
