using Appliance.CallCenter.Customers;
using Appliance.CallCenter.Ivr;
using Appliance.CallCenter.Ivr.Flows;
using Appliance.CallCenter.Routing;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.CallCenter.Tests.Ivr.Flows;

public sealed class LookupNodeTests
{
    private const string Lookup = """{ "id": "who", "type": "lookup", "known": "greet", "unknown": "queue" }""";

    private const string Greet = """
        { "id": "greet", "type": "menu", "greeting": "say:Hello ${customer.name}.",
          "prompts": ["confirm-identity"], "choices": { "1": "vip", "2": "queue" }, "invalid": "queue" }
        """;

    private const string VipQueue = """{ "id": "vip", "type": "queue", "queue": "support", "priority": "${customer.vip}" }""";

    private const string Queue = """{ "id": "queue", "type": "queue", "queue": "support", "priority": 3 }""";

    private static readonly CustomerProfile s_ada = new("A-100", "Ada Lovelace", 50, "en");

    [Fact]
    public void ALookupAsksForTheCustomerBeforeAnythingIsPlayed()
    {
        var run = Run(Lookup, Greet, VipQueue, Queue);

        var first = run.Start();

        Assert.Same(LookUpCustomer.Instance, first);
        Assert.Equal("who", run.CurrentNode);
    }

    [Fact]
    public void AKnownCallerIsGreetedByNameAndTheCallPopVariablesAreSet()
    {
        var run = Run(Lookup, Greet, VipQueue, Queue);
        run.Start();

        var greeting = run.CustomerLookedUp(s_ada);

        Assert.Equal(
            ["say:Hello Ada Lovelace.", "confirm-identity"], Assert.IsType<PlayPrompts>(greeting).Prompts);
        Assert.Equal("Ada Lovelace", run.Variables["customer.name"]);
        Assert.Equal("A-100", run.Variables["customer.account"]);
        Assert.Equal("50", run.Variables["customer.vip"]);
        Assert.Equal("en", run.Variables["customer.language"]);
    }

    [Fact]
    public void AConfirmedVipIsQueuedWithThePriorityOfItsCustomerRow()
    {
        var run = Run(Lookup, Greet, VipQueue, Queue);
        run.Start();
        run.CustomerLookedUp(s_ada);

        var routed = run.Digit('1');

        Assert.Equal(new QueueCall("support", new CallRequirements(50)), routed);
    }

    [Fact]
    public void AnUnknownCallerTakesTheUnknownBranchWithNoCustomerVariables()
    {
        var run = Run(Lookup, Greet, VipQueue, Queue);
        run.Start();

        var routed = run.CustomerLookedUp(null);

        Assert.Equal(new QueueCall("support", new CallRequirements(3)), routed);
        Assert.DoesNotContain("customer.name", run.Variables.Keys);
    }

    [Fact]
    public void APriorityVariableThatIsNotANumberLeavesTheNormalPriority()
    {
        var run = Run(
            """{ "id": "set", "type": "set", "variable": "customer.vip", "value": "gold", "next": "vip" }""",
            VipQueue);

        var routed = run.Start();

        Assert.Equal(new QueueCall("support", CallRequirements.Normal), routed);
    }

    [Fact]
    public void AnAnswerThatComesWhenNoLookupIsPendingIsIgnored()
    {
        var run = Run(Queue);
        run.Start();

        var action = run.CustomerLookedUp(s_ada);

        Assert.Same(NoAction.Instance, action);
        Assert.Empty(run.Variables);
    }

    [Fact]
    public void ANameWithControlCharactersIsSpokenWithoutThem()
    {
        var run = Run(Lookup, Greet, VipQueue, Queue);
        run.Start();

        var greeting = run.CustomerLookedUp(s_ada with { Name = "Ada\nLovelace" });

        Assert.Equal("say:Hello Ada Lovelace.", Assert.IsType<PlayPrompts>(greeting).Prompts[0]);
    }

    [Fact]
    public void ALookupWithoutItsBranchesIsRefusedNamingTheNodeAndField()
    {
        var json = FlowJson.Document("who", """{ "id": "who", "type": "lookup", "known": "bye" }""", FlowJson.HangUp);

        var validation = IvrFlowValidator.Validate(json);

        Assert.False(validation.IsValid);
        var error = Assert.Single(validation.Problems, p => p.Severity == FlowProblemSeverity.Error);
        Assert.Equal("who", error.NodeId);
        Assert.Equal("unknown", error.Field);
    }

    [Fact]
    public void APriorityThatIsNeitherANumberNorAVariableIsRefused()
    {
        var json = FlowJson.Document(
            "q", """{ "id": "q", "type": "queue", "queue": "support", "priority": "high" }""");

        var validation = IvrFlowValidator.Validate(json);

        var error = Assert.Single(validation.Problems);
        Assert.Equal("q", error.NodeId);
        Assert.Equal("priority", error.Field);
    }

    [Fact]
    public void ASpokenPromptWithoutTextIsRefusedAndSpokenPromptsAreNotFilesToLoad()
    {
        var empty = FlowJson.Document("p", """{ "id": "p", "type": "play", "prompts": ["say: "], "next": "bye" }""", FlowJson.HangUp);
        var spoken = FlowJson.Document("p", """{ "id": "p", "type": "play", "prompts": ["say:Hi", "welcome"], "next": "bye" }""", FlowJson.HangUp);

        var refused = IvrFlowValidator.Validate(empty);
        var accepted = IvrFlowValidator.Validate(spoken);

        var error = Assert.Single(refused.Problems);
        Assert.Equal("p", error.NodeId);
        Assert.Equal("prompts", error.Field);
        Assert.Equal(["welcome"], accepted.Document!.PromptNames());
    }

    private static IvrFlowRun Run(params string[] nodes)
    {
        var start = System.Text.Json.JsonDocument.Parse(nodes[0]).RootElement.GetProperty("id").GetString()!;
        var validation = IvrFlowValidator.Validate(FlowJson.Document(start, nodes));
        Assert.True(validation.IsValid, string.Join("\n", validation.Problems));
        return new IvrFlowRun(validation.Document!, new FakeTimeProvider());
    }
}
