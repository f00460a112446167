using Appliance.CallCenter.Dialer;

namespace Appliance.Telephony.Campaigns;

/// <summary>
/// A contact waiting on an agent's screen in preview mode, as it was when it was offered: the
/// agent dials it (<see cref="CampaignDialer.TryPreviewDial"/>) or skips it.
/// </summary>
/// <param name="Campaign">The campaign's name.</param>
/// <param name="AgentId">The extension the contact is offered to.</param>
/// <param name="ContactId">The contact's id in the campaign's list.</param>
/// <param name="PhoneNumber">The normalised number that will be dialled.</param>
/// <param name="Name">The contact's name, or null.</param>
/// <param name="Fields">The further columns of the contact list.</param>
/// <param name="Attempts">Attempts that ended before, counting those stored before a restart.</param>
/// <param name="LastResult">How the last attempt since the service started ended, or null.</param>
/// <param name="LastAttemptUtc">When that attempt was dialled, or null.</param>
/// <param name="OfferedUtc">When the contact was put on the agent's screen.</param>
public sealed record CampaignPreview(
    string Campaign,
    string AgentId,
    string ContactId,
    string PhoneNumber,
    string? Name,
    IReadOnlyDictionary<string, string> Fields,
    int Attempts,
    CallResult? LastResult,
    DateTimeOffset? LastAttemptUtc,
    DateTimeOffset OfferedUtc);
