namespace Appliance.Web.Live;

/// <summary>
/// An ended campaign call waiting for its agent's disposition (JSON, camel case), with the codes
/// the campaign accepts; the disposition route takes <see cref="Campaign"/> and
/// <see cref="ContactId"/>.
/// </summary>
/// <param name="Campaign">The campaign's name.</param>
/// <param name="Agent">The extension that talked to the contact.</param>
/// <param name="ContactId">The contact's id in the campaign's list.</param>
/// <param name="PhoneNumber">The number that was called.</param>
/// <param name="CallId">The Call-ID of the call to the contact.</param>
/// <param name="Codes">The campaign's disposition codes.</param>
public sealed record LiveCampaignWrapUp(
    string Campaign,
    string Agent,
    string ContactId,
    string PhoneNumber,
    string CallId,
    IReadOnlyList<string> Codes);
