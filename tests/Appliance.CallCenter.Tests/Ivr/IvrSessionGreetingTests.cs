using Appliance.CallCenter.Ivr;

namespace Appliance.CallCenter.Tests.Ivr;

public sealed class IvrSessionGreetingTests
{
    private static readonly IvrMenuDefinition s_menu = new(
        "main",
        ["menu"],
        new Dictionary<char, string> { ['1'] = "sales", ['2'] = "support" },
        TimeSpan.FromSeconds(5),
        MaxRepeats: 2,
        DefaultQueue: "support",
        InvalidPrompt: "invalid",
        Greeting: "welcome");

    [Fact]
    public void GreetingPlaysBeforeTheFirstMenuOnly()
    {
        var session = new IvrSession(s_menu);

        var first = session.Start();
        session.PromptsFinished();
        var repeat = session.DigitTimedOut();

        Assert.Equal(["welcome", "menu"], Assert.IsType<PlayPrompts>(first).Prompts);
        Assert.Equal(["invalid", "menu"], Assert.IsType<PlayPrompts>(repeat).Prompts);
    }
}
