using Appliance.CallCenter.Prompts;
using Appliance.CallCenter.Routing;
using Appliance.Telephony.Agents;
using Appliance.Telephony.Prompts;
using Appliance.Telephony.Voicemail;

namespace Appliance.Telephony.Tests.Prompts;

/// <summary>
/// The prompt sets the service ships (firmware/Appliance.Service/Prompts, made by
/// tools/prompts/generate.sh): whatever a Chinese call can hear exists in the zh set, so nothing
/// falls back to English for it, and the Chinese pieces differ from the English ones.
/// </summary>
public sealed class ShippedChinesePromptTests
{
    // The test project copies the shipped sets beside itself, as Prompts/en and Prompts/zh.
    private static readonly string s_english = Path.Combine(AppContext.BaseDirectory, "Prompts", "en");

    /// <summary>Every recorded prompt a caller, an agent or a mailbox owner of a Chinese call hears.</summary>
    public static TheoryData<string> ChinesePrompts()
    {
        var names = new SortedSet<string>(StringComparer.Ordinal)
        {
            "welcome", "menu", "invalid", "noagent", "hold", "abandon", "comfort", "voicemail",
            "callback-offer", "callback-booked", "callback-confirm", "confirm-identity",
        };
        names.UnionWith(WaitAnnouncement.PromptNames);
        names.UnionWith(MailboxPrompts.All);
        names.UnionWith(AgentFeaturePrompts.Names);
        return [.. names];
    }

    [Theory]
    [MemberData(nameof(ChinesePrompts))]
    public void EveryPromptAChineseCallHearsIsInTheChineseSetAndIsNotTheEnglishOne(string name)
    {
        var library = new PromptLibrary(s_english);
        var chineseFile = Path.Combine(library.DirectoryOf("zh"), name + ".wav");

        var chinese = library.Get(name, "zh");
        var english = library.Get(name);

        Assert.True(File.Exists(chineseFile), $"{chineseFile} is missing; generate.sh makes it.");
        Assert.NotEqual(english, chinese);
    }

    [Fact]
    public void TwoMinutesAreSaidWithTheQuantityTwoWhichInChineseIsNotTheRankTwo()
    {
        var library = new PromptLibrary(s_english);

        var quantity = library.Get(NumberPrompts.Count(2), "zh");
        var rank = library.Get(NumberPrompts.Rank(2), "zh");
        var three = library.Get(NumberPrompts.Count(3), "zh");

        Assert.NotEqual(rank, quantity);
        Assert.Equal(library.Get(NumberPrompts.Rank(3), "zh"), three);
    }
}
