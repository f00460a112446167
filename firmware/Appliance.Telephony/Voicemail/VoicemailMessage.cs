namespace Appliance.Telephony.Voicemail;

/// <summary>A recorded voicemail: whose mailbox, from whom, where the WAV file is (relative to
/// the data folder) and how long it is.</summary>
public sealed record VoicemailMessage(
    string Mailbox,
    string CallId,
    string CallerNumber,
    string File,
    DateTimeOffset RecordedUtc,
    TimeSpan Duration);
