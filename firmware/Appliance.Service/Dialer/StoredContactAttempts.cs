using Appliance.CallCenter.Dialer;

namespace Appliance.Service.Dialer;

/// <summary>
/// One contact's attempts read back from the <c>CampaignAttempt</c> table at start, oldest first,
/// and the retry stored with the last of them (null when none was stored).
/// </summary>
internal sealed class StoredContactAttempts
{
    public List<(CallResult Result, DateTimeOffset DialedUtc)> Attempts { get; } = [];

    public DateTimeOffset? RetryUtc { get; set; }
}
