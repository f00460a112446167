namespace Appliance.Telephony.Events;

/// <summary>
/// One step of a call, as the call actor saw it at <see cref="AtUtc"/>. Fields not yet known at
/// that step (the agent before an offer, the IVR choice of a call routed straight to a queue)
/// are null.
/// </summary>
/// <param name="Kind">Which step.</param>
/// <param name="CallId">The Call-ID of the caller's dialog, also the id of the call record.</param>
/// <param name="CallerNumber">The caller's number reduced to dial characters.</param>
/// <param name="Did">The number dialled.</param>
/// <param name="IvrChoice">The menu key the caller pressed, or null.</param>
/// <param name="Queue">The queue, once the call entered one.</param>
/// <param name="Agent">The agent rung or talking, for Offered, Answered and Ended.</param>
/// <param name="Disposition">How the call ended (answered, abandoned, no-agent, failed), for
/// Ended only.</param>
/// <param name="AtUtc">When the step happened.</param>
/// <param name="Variables">The IVR flow's variables the call carries (a lookup node's
/// <c>customer.name</c> and <c>customer.account</c>, digits collected...), or null when none.</param>
public sealed record CallEvent(
    CallEventKind Kind,
    string CallId,
    string CallerNumber,
    string Did,
    string? IvrChoice,
    string? Queue,
    string? Agent,
    string? Disposition,
    DateTimeOffset AtUtc,
    IReadOnlyDictionary<string, string>? Variables = null);
