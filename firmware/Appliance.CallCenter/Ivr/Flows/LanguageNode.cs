namespace Appliance.CallCenter.Ivr.Flows;

/// <summary>
/// Chooses the prompt set of every later prompt the call hears (flow, queue, callback and
/// voicemail prompts) by setting <c>call.language</c>. <paramref name="Set"/> is a language
/// (<c>en</c>, <c>zh</c>) or one variable such as <c>${customer.language}</c>; a variable holding
/// no known language leaves the call's language as it was.
/// </summary>
public sealed record LanguageNode(string Id, string Set, string Next) : FlowNode(Id)
{
    /// <summary>The variable that holds the call's prompt language.</summary>
    public const string Variable = "call.language";

    /// <summary>The languages there are prompt sets for.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["en", "zh"];

    public override IEnumerable<(string Field, string Target)> Branches() => [("next", Next)];

    /// <summary>Whether <paramref name="language"/> names a prompt set (case-insensitive).</summary>
    public static bool IsKnown(string? language) =>
        language is not null && Languages.Contains(language.Trim().ToLowerInvariant());

    /// <summary>
    /// The language this node chooses with the call's <paramref name="variables"/>, or null when
    /// its variable holds no known language.
    /// </summary>
    public string? Choose(IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var value = Set;
        if (VariableOf(Set) is { } name)
        {
            value = variables.GetValueOrDefault(name) ?? string.Empty;
        }

        return IsKnown(value) ? value.Trim().ToLowerInvariant() : null;
    }

    /// <summary>The variable name of a <c>${name}</c> setting, or null for a plain language.</summary>
    public static string? VariableOf(string set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var names = SpokenPrompt.VariablesOf(set).ToList();
        return names.Count == 1 && set.Trim() == "${" + names[0] + "}" ? names[0] : null;
    }
}
