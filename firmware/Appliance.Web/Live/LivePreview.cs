namespace Appliance.Web.Live;

/// <summary>
/// A campaign contact on an agent's screen in preview mode (JSON, camel case): who it is, what
/// the list says of it and how its earlier attempts went.
/// </summary>
/// <param name="Campaign">The campaign's name.</param>
/// <param name="Agent">The extension it is offered to.</param>
/// <param name="ContactId">The contact's id in the campaign's list.</param>
/// <param name="PhoneNumber">The number Dial calls.</param>
/// <param name="Name">The contact's name, or null.</param>
/// <param name="Fields">The further columns of the list.</param>
/// <param name="Attempts">Attempts made before this one.</param>
/// <param name="LastResult">How the last one ended (connected, busy, no-answer, failed, machine,
/// abandoned), or null.</param>
/// <param name="LastAttemptUtc">When the last one was made, or null.</param>
/// <param name="OfferedUtc">When the contact was put on the screen.</param>
public sealed record LivePreview(
    string Campaign,
    string Agent,
    string ContactId,
    string PhoneNumber,
    string? Name,
    IReadOnlyDictionary<string, string> Fields,
    int Attempts,
    string? LastResult,
    DateTimeOffset? LastAttemptUtc,
    DateTimeOffset OfferedUtc);
