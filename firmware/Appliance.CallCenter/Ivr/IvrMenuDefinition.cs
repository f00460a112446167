namespace Appliance.CallCenter.Ivr;

/// <summary>
/// One IVR menu: the prompts played, the digit-to-queue options, and what happens when the
/// caller presses nothing or a wrong digit.
/// </summary>
/// <param name="Name">The menu name that DIDs refer to.</param>
/// <param name="Prompts">Prompt names played in order each time the menu is offered.</param>
/// <param name="Options">DTMF digit to queue name.</param>
/// <param name="DigitTimeout">How long to wait for a digit after the prompts have finished.</param>
/// <param name="MaxRepeats">How many times the menu is offered again after an invalid digit
/// or a timeout before the call goes to <paramref name="DefaultQueue"/>.</param>
/// <param name="DefaultQueue">Where the call goes when no valid digit came.</param>
/// <param name="InvalidPrompt">The prompt played before the menu is offered again, or null.</param>
/// <param name="Greeting">A prompt played once before the menu is first offered (the welcome),
/// not on repeats, or null.</param>
public sealed record IvrMenuDefinition(
    string Name,
    IReadOnlyList<string> Prompts,
    IReadOnlyDictionary<char, string> Options,
    TimeSpan DigitTimeout,
    int MaxRepeats,
    string DefaultQueue,
    string? InvalidPrompt,
    string? Greeting = null);
