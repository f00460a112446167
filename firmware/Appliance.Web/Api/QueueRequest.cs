namespace Appliance.Web.Api;

/// <summary>
/// The queue form. Numbers come as text, as a browser form sends them, so a bad one is refused
/// with its field named rather than failing to bind; durations are whole seconds.
/// </summary>
internal sealed record QueueRequest(
    string? Name,
    string? Strategy,
    string? RingTimeoutSeconds,
    string? WrapUpSeconds,
    string? ServiceLevelSeconds,
    string? HoldPrompt);
