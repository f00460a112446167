using Appliance.CallCenter.Customers;
using Appliance.CallCenter.Ivr;
using Appliance.CallCenter.Ivr.Flows;
using Appliance.CallCenter.Routing;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.CallCenter.Tests.Ivr.Flows;

public sealed class IvrFlowRunTests
{
    // Wednesday 3 December 2026, 10:00 UTC; the fake clock's local zone is UTC.
    private static readonly DateTimeOffset s_wednesdayMorning = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    private const string Menu =
        """{ "id": "menu", "type": "menu", "prompts": ["menu"], "choices": { "1": "sales", "2": "op" }, "timeoutSeconds": 4, "retries": 1, "invalidPrompt": "invalid", "invalid": "bye", "timeout": "sales" }""";

    private const string Sales = """{ "id": "sales", "type": "queue", "queue": "sales", "priority": 7, "skill": "french", "level": 4 }""";

    private const string Operator = """{ "id": "op", "type": "transfer", "extension": "1001" }""";

    [Fact]
    public void APlayNodePlaysItsPromptsAndThenGoesToTheNextNode()
    {
        var run = Start(
            out var first,
            """{ "id": "hello", "type": "play", "prompts": ["welcome", "recorded"], "next": "bye" }""",
            """{ "id": "bye", "type": "hangup", "prompts": ["goodbye"] }""");

        var second = run.PromptsFinished();
        var third = run.PromptsFinished();

        Assert.Equal(["welcome", "recorded"], Assert.IsType<PlayPrompts>(first).Prompts);
        Assert.Equal(["goodbye"], Assert.IsType<PlayPrompts>(second).Prompts);
        Assert.Same(HangUpCall.Instance, third);
        Assert.True(run.IsFinished);
    }

    [Fact]
    public void AMenuChoiceQueuesTheCallWithItsPriorityAndSkill()
    {
        var run = Start(out var first, Menu, Sales, Operator, FlowJson.HangUp);

        var wait = run.PromptsFinished();
        var routed = run.Digit('1');

        Assert.Equal(["menu"], Assert.IsType<PlayPrompts>(first).Prompts);
        Assert.Equal(new WaitForDigit(TimeSpan.FromSeconds(4)), wait);
        Assert.Equal(new QueueCall("sales", new CallRequirements(7, "french", 4)), routed);
    }

    [Fact]
    public void AMenuDigitDuringThePromptsTransfersAtOnce()
    {
        var run = Start(out _, Menu, Sales, Operator, FlowJson.HangUp);

        var action = run.Digit('2');

        Assert.Equal(new TransferCall("1001"), action);
        Assert.Same(NoAction.Instance, run.PromptsFinished());
    }

    [Fact]
    public void AnInvalidDigitRepeatsTheMenuThenTakesTheInvalidBranchWhenRetriesAreUsed()
    {
        var run = Start(out _, Menu, Sales, Operator, FlowJson.HangUp);
        run.PromptsFinished();

        var again = run.Digit('9');
        run.PromptsFinished();
        var given = run.Digit('9');

        Assert.Equal(["invalid", "menu"], Assert.IsType<PlayPrompts>(again).Prompts);
        Assert.Same(HangUpCall.Instance, given);
    }

    [Fact]
    public void SilenceRepeatsTheMenuThenTakesTheTimeoutBranch()
    {
        var run = Start(out _, Menu, Sales, Operator, FlowJson.HangUp);
        run.PromptsFinished();

        var again = run.DigitTimedOut();
        run.PromptsFinished();
        var given = run.DigitTimedOut();

        Assert.IsType<PlayPrompts>(again);
        Assert.Equal(new QueueCall("sales", new CallRequirements(7, "french", 4)), given);
    }

    [Fact]
    public void CollectStoresTheDigitsBeforeTheTerminatorAndGoesOn()
    {
        var run = Start(out _, Collect(), Sales, FlowJson.HangUp);
        run.Digit('4');
        run.Digit('2');
        run.PromptsFinished();

        var more = run.Digit('7');
        run.Digit('1');
        var done = run.Digit('#');

        Assert.Equal(new WaitForDigit(TimeSpan.FromSeconds(3)), more);
        Assert.IsType<QueueCall>(done);
        Assert.Equal("4271", run.Variables["account"]);
    }

    [Fact]
    public void CollectEndsItselfAtTheMaximumLength()
    {
        var run = Start(out _, Collect(), Sales, FlowJson.HangUp);
        run.PromptsFinished();

        var actions = "123456".Select(run.Digit).ToList();

        Assert.IsType<QueueCall>(actions[^1]);
        Assert.Equal("123456", run.Variables["account"]);
    }

    [Fact]
    public void CollectTooShortWhenTheCallerStopsTakesTheInvalidBranchAndSetsNothing()
    {
        var run = Start(out _, Collect(), Sales, FlowJson.HangUp);
        run.PromptsFinished();
        run.Digit('1');

        var action = run.DigitTimedOut();

        Assert.Same(HangUpCall.Instance, action);
        Assert.False(run.Variables.ContainsKey("account"));
    }

    [Theory]
    [InlineData(10, 0, "open")]
    [InlineData(18, 0, "closed")]
    [InlineData(7, 59, "closed")]
    public void AConditionOnWeekdayAndTimeOfDayChoosesItsBranch(int hour, int minute, string expected)
    {
        var time = Clock(new DateTimeOffset(2026, 12, 2, hour, minute, 0, TimeSpan.Zero));
        var run = StartAt(
            time,
            [],
            """{ "id": "hours", "type": "condition", "weekdays": ["mon", "tue", "wed", "thu", "fri"], "from": "08:00", "to": "18:00", "then": "open", "else": "closed" }""",
            """{ "id": "open", "type": "transfer", "extension": "open" }""",
            """{ "id": "closed", "type": "transfer", "extension": "closed" }""");

        Assert.Equal(new TransferCall(expected), run.Action);
    }

    [Fact]
    public void AConditionOnAWeekdayNotListedTakesTheElseBranch()
    {
        var saturday = Clock(new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.Zero));

        var run = StartAt(
            saturday,
            [],
            """{ "id": "days", "type": "condition", "weekdays": ["mon", "fri"], "then": "open", "else": "closed" }""",
            """{ "id": "open", "type": "transfer", "extension": "open" }""",
            """{ "id": "closed", "type": "transfer", "extension": "closed" }""");

        Assert.Equal(new TransferCall("closed"), run.Action);
    }

    [Fact]
    public void AConditionOnTheHolidayListSeesTodayInIt()
    {
        var onHoliday = StartAt(Clock(s_wednesdayMorning), ["2026-12-03"], HolidayCondition(), Open(), Closed());
        var onWorkday = StartAt(Clock(s_wednesdayMorning), ["2026-12-25"], HolidayCondition(), Open(), Closed());

        Assert.Equal(new TransferCall("closed"), onHoliday.Action);
        Assert.Equal(new TransferCall("open"), onWorkday.Action);
    }

    [Fact]
    public void ASetVariableNodeSetsItAndAConditionReadsIt()
    {
        var run = StartAt(
            Clock(s_wednesdayMorning),
            [],
            """{ "id": "vip", "type": "set", "variable": "tier", "value": "gold", "next": "check" }""",
            """{ "id": "check", "type": "condition", "variable": "tier", "equals": "gold", "then": "open", "else": "closed" }""",
            Open(),
            Closed());

        Assert.Equal(new TransferCall("open"), run.Action);
        Assert.Equal("gold", run.Run.Variables["tier"]);
    }

    [Fact]
    public void PressingAMenuDigitThatLeadsToALanguageNodeSetsTheCallLanguageForTheNextPrompt()
    {
        var run = Start(
            out _,
            """{ "id": "menu", "type": "menu", "prompts": ["menu"], "choices": { "1": "sales", "2": "chinese" }, "invalid": "sales" }""",
            """{ "id": "chinese", "type": "language", "set": "zh", "next": "hello" }""",
            """{ "id": "hello", "type": "play", "prompts": ["welcome"], "next": "sales" }""",
            Sales);

        var before = run.Variables.GetValueOrDefault(LanguageNode.Variable);
        var next = run.Digit('2');

        Assert.Null(before);
        Assert.Equal(["welcome"], Assert.IsType<PlayPrompts>(next).Prompts);
        Assert.Equal("zh", run.Variables[LanguageNode.Variable]);
    }

    [Fact]
    public void ALanguageNodeTakesTheLanguageOfAKnownCustomer()
    {
        var run = Start(
            out _,
            """{ "id": "who", "type": "lookup", "known": "lang", "unknown": "sales" }""",
            """{ "id": "lang", "type": "language", "set": "${customer.language}", "next": "hello" }""",
            """{ "id": "hello", "type": "play", "prompts": ["welcome"], "next": "sales" }""",
            Sales);

        run.CustomerLookedUp(new CustomerProfile("A-1", "Li Wei", 0, "ZH"));

        Assert.Equal("zh", run.Variables[LanguageNode.Variable]);
    }

    [Fact]
    public void ALanguageNodeWhoseVariableHoldsNoKnownLanguageLeavesTheCallLanguageAsItWas()
    {
        var run = Start(
            out _,
            """{ "id": "who", "type": "lookup", "known": "lang", "unknown": "sales" }""",
            """{ "id": "lang", "type": "language", "set": "${customer.language}", "next": "hello" }""",
            """{ "id": "hello", "type": "play", "prompts": ["welcome"], "next": "sales" }""",
            Sales);

        var action = run.CustomerLookedUp(new CustomerProfile("A-2", "Ann", 0, null));

        Assert.IsType<PlayPrompts>(action);
        Assert.False(run.Variables.ContainsKey(LanguageNode.Variable));
    }

    [Fact]
    public void AHangUpNodeWithoutPromptsHangsUpAtOnce()
    {
        Start(out var first, FlowJson.HangUp);

        Assert.Same(HangUpCall.Instance, first);
    }

    [Fact]
    public void ALoopOfSetNodesThatNeverWaitsHangsUpInsteadOfSpinning()
    {
        var run = StartAt(
            Clock(s_wednesdayMorning),
            [],
            """{ "id": "a", "type": "set", "variable": "v", "value": "1", "next": "b" }""",
            """{ "id": "b", "type": "set", "variable": "v", "value": "2", "next": "a" }""");

        Assert.Same(HangUpCall.Instance, run.Action);
    }

    private static string Collect() =>
        """{ "id": "account", "type": "collect", "prompts": ["enter-account"], "variable": "account", "minLength": 4, "maxLength": 6, "terminator": "#", "timeoutSeconds": 3, "next": "sales", "invalid": "bye" }""";

    private static string HolidayCondition() =>
        """{ "id": "holiday", "type": "condition", "holiday": false, "then": "open", "else": "closed" }""";

    private static string Open() => """{ "id": "open", "type": "transfer", "extension": "open" }""";

    private static string Closed() => """{ "id": "closed", "type": "transfer", "extension": "closed" }""";

    private static FakeTimeProvider Clock(DateTimeOffset now)
    {
        var time = new FakeTimeProvider(now);
        time.SetLocalTimeZone(TimeZoneInfo.Utc);
        return time;
    }

    private static IvrFlowRun Start(out IvrAction first, params string[] nodes)
    {
        var started = StartAt(Clock(s_wednesdayMorning), [], nodes);
        first = started.Action;
        return started.Run;
    }

    /// <summary>Validates a document whose start is the first node and starts a call in it.</summary>
    private static (IvrFlowRun Run, IvrAction Action) StartAt(FakeTimeProvider time, string[] holidays, params string[] nodes)
    {
        var start = System.Text.Json.JsonDocument.Parse(nodes[0]).RootElement.GetProperty("id").GetString()!;
        var validation = IvrFlowValidator.Validate(FlowJson.Document("test", 1, start, holidays, nodes));
        Assert.True(validation.IsValid, string.Join("\n", validation.Problems));
        var run = new IvrFlowRun(validation.Document!, time);
        return (run, run.Start());
    }
}
