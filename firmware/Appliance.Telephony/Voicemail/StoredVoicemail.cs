namespace Appliance.Telephony.Voicemail;

/// <summary>A message in a mailbox: its id, who left it, its WAV file (relative to the data
/// folder), when, how long, and whether it has been heard.</summary>
public sealed record StoredVoicemail(
    int Id,
    string Mailbox,
    string CallerNumber,
    string File,
    DateTimeOffset RecordedUtc,
    TimeSpan Duration,
    bool Heard);
