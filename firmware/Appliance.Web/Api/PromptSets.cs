namespace Appliance.Web.Api;

/// <summary>
/// The prompt languages the box has a set of prompts for (<c>en</c>, <c>zh</c>, as folders beside
/// its prompt folder) and the one it uses when an extension names none
/// (<c>Prompts:Language</c>); an extension's language is checked against <see cref="Languages"/>.
/// </summary>
public sealed record PromptSets(string BoxLanguage, IReadOnlyList<string> Languages)
{
    /// <summary>A box that says nothing about its prompts: English only.</summary>
    public static PromptSets EnglishOnly { get; } = new("en", ["en"]);
}
