using Appliance.CallCenter.Ivr.Flows;
using Appliance.Telephony.Prompts;

namespace Appliance.Telephony.Calls;

/// <summary>
/// The language of the prompts a call hears, chosen as <see cref="PromptLanguage"/> says: the
/// caller's choice in a flow, else the language the call was given (a callback's, stored when the
/// caller asked for it; an extension's for its owner's mailbox and feature codes), else the box's.
/// </summary>
internal sealed partial class Call
{
    private string? _language;

    /// <summary>The prompt set the call's prompts come from (<c>zh</c>, <c>en</c>); null for English.</summary>
    private string? CallLanguage => PromptLanguage.Choose(ChosenLanguage, given: null, _services.Language);

    /// <summary>The language chosen in the flow or given to the call, without the box's: what a
    /// callback keeps, so a box whose language changes meanwhile calls back in the new one.</summary>
    private string? ChosenLanguage => PromptLanguage.Choose(
        _flow?.Variables.GetValueOrDefault(LanguageNode.Variable),
        _language,
        box: null);
}
