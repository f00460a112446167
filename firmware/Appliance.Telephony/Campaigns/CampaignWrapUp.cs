namespace Appliance.Telephony.Campaigns;

/// <summary>
/// A campaign call that ended and waits for its agent's disposition; it is gone once the agent
/// gives one or the campaign's wrap-up time runs out.
/// </summary>
/// <param name="Campaign">The campaign's name.</param>
/// <param name="AgentId">The extension that talked to the contact.</param>
/// <param name="ContactId">The contact's id in the campaign's list.</param>
/// <param name="PhoneNumber">The number that was called.</param>
/// <param name="SipCallId">The Call-ID of the call to the contact.</param>
public sealed record CampaignWrapUp(
    string Campaign,
    string AgentId,
    string ContactId,
    string PhoneNumber,
    string SipCallId);
