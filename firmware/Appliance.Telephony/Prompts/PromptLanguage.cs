namespace Appliance.Telephony.Prompts;

/// <summary>
/// Which prompt set a call's prompts come from. The caller's own choice in a flow (its language
/// node) comes first; then the language the call was given by what it is (a callback keeps the
/// language its caller chose, a mailbox or feature-code call takes its extension's); then the
/// box's (<c>Prompts:Language</c>). Null means English.
/// </summary>
public static class PromptLanguage
{
    /// <summary>The language of a call's prompts; each argument may be null or empty for none.</summary>
    /// <param name="chosenInFlow">The flow's <c>call.language</c>.</param>
    /// <param name="given">The callback's or the extension's language.</param>
    /// <param name="box">The box's language.</param>
    public static string? Choose(string? chosenInFlow, string? given, string? box) =>
        !string.IsNullOrWhiteSpace(chosenInFlow) ? chosenInFlow
        : !string.IsNullOrWhiteSpace(given) ? given
        : string.IsNullOrWhiteSpace(box) ? null : box;
}
