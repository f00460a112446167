namespace Appliance.Web.Live;

/// <summary>
/// One change on the floor, as the CTI WebSocket stream and the webhooks send it (JSON, camel
/// case). <see cref="Type"/> is <c>call</c>, <c>agent</c> or <c>sms</c>; fields that do not apply
/// are null. A received text message is type sms, kind received, the sender in
/// <see cref="CallerNumber"/> and the text in <see cref="Detail"/>.
/// </summary>
/// <param name="Type">call, agent or sms.</param>
/// <param name="Kind">For a call: arrived, queued, offered, answered or ended; for an agent:
/// its new state (logged-out, not-ready, ready).</param>
/// <param name="CallId">The call, for call events.</param>
/// <param name="Agent">The agent concerned, if any.</param>
/// <param name="CallerNumber">The caller's number, for call events.</param>
/// <param name="Did">The number dialled, for call events.</param>
/// <param name="IvrChoice">The menu key pressed, or null.</param>
/// <param name="Queue">The queue, or null.</param>
/// <param name="Detail">The disposition of an ended call, or an agent's not-ready reason.</param>
/// <param name="AtUtc">When it happened.</param>
/// <param name="Variables">For call events, the IVR variables the call carries, or null.</param>
public sealed record FloorEvent(
    string Type,
    string Kind,
    string? CallId,
    string? Agent,
    string? CallerNumber,
    string? Did,
    string? IvrChoice,
    string? Queue,
    string? Detail,
    DateTimeOffset AtUtc,
    IReadOnlyDictionary<string, string>? Variables = null);
