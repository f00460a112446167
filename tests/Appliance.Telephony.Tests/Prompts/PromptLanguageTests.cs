using Appliance.Telephony.Prompts;

namespace Appliance.Telephony.Tests.Prompts;

public sealed class PromptLanguageTests
{
    [Fact]
    public void TheCallersChoiceInTheFlowWinsOverTheGivenLanguageAndTheBoxs()
    {
        var language = PromptLanguage.Choose(chosenInFlow: "zh", given: "en", box: "en");

        Assert.Equal("zh", language);
    }

    [Fact]
    public void ACallbackOrAMailboxWithoutAFlowChoiceHearsItsGivenLanguage()
    {
        var language = PromptLanguage.Choose(chosenInFlow: null, given: "zh", box: "en");

        Assert.Equal("zh", language);
    }

    [Fact]
    public void WithNoChoiceAndNoGivenLanguageTheBoxsLanguageIsHeard()
    {
        var chinese = PromptLanguage.Choose(chosenInFlow: "", given: null, box: "zh");
        var english = PromptLanguage.Choose(chosenInFlow: null, given: " ", box: null);

        Assert.Equal("zh", chinese);
        Assert.Null(english);
    }
}
