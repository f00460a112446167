using Appliance.CallCenter.Ivr;

namespace Appliance.CallCenter.Tests.Ivr;

public sealed class IvrSessionTests
{
    private static readonly TimeSpan s_digitTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public void StartPlaysTheMenuPromptsAndThenWaitsForADigit()
    {
        var session = new IvrSession(DemoMenu());

        var first = session.Start();
        var second = session.PromptsFinished();

        Assert.Equal(["welcome", "menu"], Assert.IsType<PlayPrompts>(first).Prompts);
        Assert.Equal(new WaitForDigit(s_digitTimeout), second);
    }

    [Fact]
    public void DigitOneRoutesToSalesWithChoiceOne()
    {
        var session = StartedAndWaiting();

        var action = session.Digit('1');

        Assert.Equal(new RouteToQueue("sales", "1"), action);
        Assert.True(session.IsRouted);
    }

    [Fact]
    public void ADigitDuringThePromptsRoutesAtOnce()
    {
        var session = new IvrSession(DemoMenu());
        session.Start();

        var action = session.Digit('2');
        var afterPrompts = session.PromptsFinished();

        Assert.Equal(new RouteToQueue("support", "2"), action);
        Assert.Equal(NoAction.Instance, afterPrompts);
    }

    [Fact]
    public void AnInvalidDigitPlaysTheInvalidPromptAndTheMenuAgain()
    {
        var session = StartedAndWaiting();

        var action = session.Digit('9');

        Assert.Equal(["invalid", "welcome", "menu"], Assert.IsType<PlayPrompts>(action).Prompts);
        Assert.Equal(1, session.Repeats);
    }

    [Fact]
    public void AfterTwoInvalidDigitsTheNextFailureRoutesToTheDefaultQueue()
    {
        var session = StartedAndWaiting();
        var firstInvalid = session.Digit('9');
        session.PromptsFinished();
        var secondInvalid = session.Digit('#');
        session.PromptsFinished();

        var action = session.Digit('7');

        Assert.IsType<PlayPrompts>(firstInvalid);
        Assert.IsType<PlayPrompts>(secondInvalid);
        Assert.Equal(new RouteToQueue("support", null), action);
    }

    [Fact]
    public void InvalidDigitsAndTimeoutsShareTheRepeats()
    {
        var session = StartedAndWaiting();
        session.Digit('9');
        session.PromptsFinished();
        session.Digit('9');
        session.PromptsFinished();

        var action = session.DigitTimedOut();

        Assert.Equal(new RouteToQueue("support", null), action);
    }

    [Fact]
    public void ThreeTimeoutsRouteToTheDefaultSupportQueueWithNoChoice()
    {
        var session = StartedAndWaiting();

        var first = session.DigitTimedOut();
        session.PromptsFinished();
        var second = session.DigitTimedOut();
        session.PromptsFinished();
        var third = session.DigitTimedOut();

        Assert.IsType<PlayPrompts>(first);
        Assert.IsType<PlayPrompts>(second);
        Assert.Equal(new RouteToQueue("support", null), third);
    }

    [Fact]
    public void ATimeoutWhilePromptsPlayIsIgnored()
    {
        var session = new IvrSession(DemoMenu());
        session.Start();

        var action = session.DigitTimedOut();

        Assert.Equal(NoAction.Instance, action);
        Assert.Equal(0, session.Repeats);
    }

    [Fact]
    public void DigitsAfterRoutingDoNothing()
    {
        var session = StartedAndWaiting();
        session.Digit('1');

        var action = session.Digit('2');

        Assert.Equal(NoAction.Instance, action);
    }

    [Fact]
    public void AMenuWithoutAnInvalidPromptRepeatsOnlyItsPrompts()
    {
        var session = new IvrSession(DemoMenu() with { InvalidPrompt = null });
        session.Start();
        session.PromptsFinished();

        var action = session.DigitTimedOut();

        Assert.Equal(["welcome", "menu"], Assert.IsType<PlayPrompts>(action).Prompts);
    }

    [Fact]
    public void StartingTwiceThrows()
    {
        var session = new IvrSession(DemoMenu());
        session.Start();

        Assert.Throws<InvalidOperationException>(() => session.Start());
    }

    private static IvrSession StartedAndWaiting()
    {
        var session = new IvrSession(DemoMenu());
        session.Start();
        session.PromptsFinished();
        return session;
    }

    private static IvrMenuDefinition DemoMenu() => new(
        "main",
        ["welcome", "menu"],
        new Dictionary<char, string> { ['1'] = "sales", ['2'] = "support" },
        s_digitTimeout,
        MaxRepeats: 2,
        DefaultQueue: "support",
        InvalidPrompt: "invalid");
}
