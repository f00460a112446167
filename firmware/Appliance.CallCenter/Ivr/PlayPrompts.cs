namespace Appliance.CallCenter.Ivr;

/// <summary>
/// Stop whatever is playing, then play these prompts in order and report
/// <see cref="IvrSession.PromptsFinished"/> when the last one has ended. Digits pressed
/// meanwhile go to <see cref="IvrSession.Digit"/> at once (barge-in).
/// </summary>
public sealed record PlayPrompts(IReadOnlyList<string> Prompts) : IvrAction;
