using System.Text;
using System.Text.RegularExpressions;

namespace Appliance.CallCenter.Ivr.Flows;

/// <summary>
/// A prompt written as text to be spoken by the box's speech synthesizer rather than a recorded
/// file: <c>say:Hello ${customer.name}.</c> in a node's prompt list. Variables in <c>${...}</c>
/// are replaced by the call's values when the prompt is played (an unset one by nothing).
/// </summary>
public static partial class SpokenPrompt
{
    /// <summary>What starts the name of a spoken prompt.</summary>
    public const string Prefix = "say:";

    /// <summary>The longest text, after its variables are replaced, the box speaks.</summary>
    public const int MaxLength = 300;

    public static bool IsSpoken(string prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return prompt.StartsWith(Prefix, StringComparison.Ordinal);
    }

    /// <summary>The text of a spoken prompt, without its prefix.</summary>
    public static string TextOf(string prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return IsSpoken(prompt) ? prompt[Prefix.Length..] : prompt;
    }

    /// <summary>
    /// The prompt with its variables replaced; recorded prompts are returned as they are. Values
    /// lose their control characters and the result is cut at <see cref="MaxLength"/>, so a
    /// customer name from a CRM cannot make the synthesizer speak for minutes.
    /// </summary>
    public static string Expand(string prompt, IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(variables);
        if (!IsSpoken(prompt))
        {
            return prompt;
        }

        var text = Reference().Replace(
            TextOf(prompt),
            m => variables.TryGetValue(m.Groups[1].Value, out var value) ? Clean(value) : string.Empty);
        return Prefix + (text.Length > MaxLength ? text[..MaxLength] : text);
    }

    /// <summary>The names of the variables a spoken prompt refers to.</summary>
    public static IEnumerable<string> VariablesOf(string prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return Reference().Matches(prompt).Select(m => m.Groups[1].Value);
    }

    private static string Clean(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            text.Append(char.IsControl(c) ? ' ' : c);
        }

        return text.ToString();
    }

    [GeneratedRegex(@"\$\{([A-Za-z0-9_.\-]+)\}")]
    private static partial Regex Reference();
}
