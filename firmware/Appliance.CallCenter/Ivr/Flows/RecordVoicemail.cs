namespace Appliance.CallCenter.Ivr.Flows;

/// <summary>
/// Record the caller into <paramref name="Mailbox"/> for at most <paramref name="MaxLength"/>;
/// the flow is over.
/// </summary>
public sealed record RecordVoicemail(string Mailbox, TimeSpan MaxLength) : IvrAction;
