namespace Appliance.Web.Api;

/// <summary>
/// An agent's disposition of a campaign call in wrap-up: a code of the campaign, and optionally
/// the time to call the contact back (ISO 8601 with an offset, in the future).
/// </summary>
public sealed record DispositionRequest(string? Code, DateTimeOffset? CallbackUtc);
