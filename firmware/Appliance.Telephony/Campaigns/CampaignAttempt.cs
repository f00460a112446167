using Appliance.CallCenter.Dialer;

namespace Appliance.Telephony.Campaigns;

/// <summary>
/// One ended outbound attempt of a campaign, as telephony saw it: the contact, the SIP Call-ID of
/// the leg to it, the attempt's number for that contact (1 first), the dialler's result, the
/// final SIP status of the INVITE (0 when none came), the agent when one took it, and the retry
/// the rules scheduled for the contact (null when connected, exhausted or unknown), which a
/// restart reads back.
/// </summary>
public sealed record CampaignAttempt(
    string Campaign,
    string ContactId,
    string PhoneNumber,
    string CallId,
    int Attempt,
    CallResult Result,
    int SipStatus,
    string? Agent,
    DateTimeOffset DialedUtc,
    DateTimeOffset? AnsweredUtc,
    DateTimeOffset EndedUtc,
    DateTimeOffset? RetryUtc = null);
