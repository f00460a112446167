namespace Appliance.CallCenter.Ivr;

/// <summary>
/// The menu is done: stop prompts and timers and enqueue the call in <paramref name="Queue"/>.
/// <paramref name="Choice"/> is the digit the caller pressed, or null when the menu's default
/// queue was taken; it goes into the call record.
/// </summary>
public sealed record RouteToQueue(string Queue, string? Choice) : IvrAction;
