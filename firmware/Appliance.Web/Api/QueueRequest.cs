namespace Appliance.Web.Api;

/// <summary>
/// The queue form. Numbers come as text, as a browser form sends them, so a bad one is refused
/// with its field named rather than failing to bind; durations are whole seconds. A rule field
/// left out of the request (null) keeps the queue's stored rule, so an API client that knows only
/// the first fields does not wipe the rules; the page sends them all, where empty turns a rule off.
/// <c>OverflowTo</c> is empty (nowhere), queue, external, voicemail or callback, and
/// <c>MaxWaitExit</c> hangup (empty too) or the same kinds; the queue, number or mailbox is in
/// <c>OverflowTarget</c> and <c>MaxWaitTarget</c>. The join and leave rules (<c>RefuseWhen</c>,
/// <c>LeaveWhen</c>) are never, none-logged-in or none-ready. The waiting fields
/// (<c>AnnounceEverySeconds</c>, <c>ComfortPrompt</c>, <c>ComfortEverySeconds</c>,
/// <c>CallbackKey</c>) are checked by <see cref="QueueWaitingForm"/> and, left out, keep theirs too.
/// </summary>
internal sealed record QueueRequest(
    string? Name,
    string? Strategy,
    string? RingTimeoutSeconds,
    string? WrapUpSeconds,
    string? ServiceLevelSeconds,
    string? HoldPrompt,
    string? RequiredSkill = null,
    string? RequiredLevel = null,
    string? WidenLevelEverySeconds = null,
    string? OverflowAfterSeconds = null,
    string? OverflowWhenWaiting = null,
    string? OverflowTo = null,
    string? OverflowTarget = null,
    string? MaxWaitSeconds = null,
    string? MaxWaitExit = null,
    string? MaxWaitTarget = null,
    string? RefuseWhen = null,
    string? LeaveWhen = null,
    string? AnnounceEverySeconds = null,
    string? ComfortPrompt = null,
    string? ComfortEverySeconds = null,
    string? CallbackKey = null);
