namespace Appliance.Web.Voicemail;

/// <summary>A message as <c>GET /api/voicemail/{mailbox}</c> lists it; its audio is at <see cref="Audio"/>.</summary>
public sealed record VoicemailListing(
    int Id,
    string Mailbox,
    string CallerNumber,
    DateTimeOffset RecordedUtc,
    int Seconds,
    bool Heard,
    string Audio);
