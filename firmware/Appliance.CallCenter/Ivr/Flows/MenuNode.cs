namespace Appliance.CallCenter.Ivr.Flows;

/// <summary>
/// Plays the prompts and waits <paramref name="Timeout"/> for one digit (barge-in allowed). A
/// digit of <paramref name="Choices"/> goes to its node; another digit or silence plays
/// <paramref name="InvalidPrompt"/> and the menu again, <paramref name="Retries"/> times, and then
/// goes to <paramref name="Invalid"/> or <paramref name="TimedOut"/> (the invalid branch when null).
/// <paramref name="Greeting"/>, when given, plays before the prompts the first time only, and a
/// digit pressed during it already counts as the caller's choice.
/// </summary>
public sealed record MenuNode(
    string Id,
    IReadOnlyList<string> Prompts,
    IReadOnlyDictionary<char, string> Choices,
    TimeSpan Timeout,
    int Retries,
    string? InvalidPrompt,
    string Invalid,
    string? TimedOut,
    string? Greeting = null) : FlowNode(Id)
{
    public override IEnumerable<(string Field, string Target)> Branches()
    {
        foreach (var (digit, target) in Choices)
        {
            yield return ($"choices.{digit}", target);
        }

        yield return ("invalid", Invalid);
        if (TimedOut is not null)
        {
            yield return ("timeout", TimedOut);
        }
    }
}
