using Appliance.CallCenter.Ivr.Flows;

namespace Appliance.CallCenter.Tests.Ivr.Flows;

public sealed class IvrFlowValidatorTests
{
    [Fact]
    public void AValidDocumentIsReadWithEveryNodeAndNoProblems()
    {
        var json = FlowJson.Document(
            "welcome",
            """{ "id": "welcome", "type": "play", "prompts": ["welcome"], "next": "menu" }""",
            """{ "id": "menu", "type": "menu", "prompts": ["menu"], "choices": { "1": "sales", "0": "op" }, "invalid": "bye" }""",
            """{ "id": "sales", "type": "queue", "queue": "sales", "priority": 5, "skill": "french", "level": 3 }""",
            """{ "id": "op", "type": "transfer", "extension": "1001" }""",
            FlowJson.HangUp);

        var validation = IvrFlowValidator.Validate(json);

        Assert.True(validation.IsValid, string.Join("\n", validation.Problems));
        Assert.Empty(validation.Problems);
        Assert.Equal(5, validation.Document!.Nodes.Count);
        var queue = Assert.IsType<QueueNode>(validation.Document.Nodes["sales"]);
        Assert.Equal(new(5, "french", 3), queue.Requirements);
    }

    [Fact]
    public void ALanguageNodeWithAnUnknownLanguageIsAnErrorNamingTheNode()
    {
        var json = FlowJson.Document(
            "lang",
            """{ "id": "lang", "type": "language", "set": "fr", "next": "bye" }""",
            """{ "id": "bye", "type": "hangup" }""");

        var validation = IvrFlowValidator.Validate(json);

        var error = Assert.Single(validation.Errors);
        Assert.Equal(("lang", "set"), (error.NodeId, error.Field));
        Assert.Contains("'fr' is not a language", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALanguageNodeTakingAVariableIsValid()
    {
        var json = FlowJson.Document(
            "lang",
            """{ "id": "lang", "type": "language", "set": "${customer.language}", "next": "bye" }""",
            """{ "id": "bye", "type": "hangup" }""");

        var validation = IvrFlowValidator.Validate(json);

        Assert.True(validation.IsValid, string.Join("\n", validation.Problems));
        Assert.IsType<LanguageNode>(validation.Document!.Nodes["lang"]);
    }

    [Fact]
    public void AnUnknownNodeTypeIsAnErrorNamingTheNodeAndTheField()
    {
        var json = FlowJson.Document("x", """{ "id": "x", "type": "dance" }""");

        var validation = IvrFlowValidator.Validate(json);

        var error = Assert.Single(validation.Errors);
        Assert.Equal(("x", "type"), (error.NodeId, error.Field));
        Assert.Contains("unknown node type 'dance'", error.Message, StringComparison.Ordinal);
        Assert.False(validation.IsValid);
    }

    [Fact]
    public void ABranchToANodeThatDoesNotExistIsAnErrorNamingTheBranch()
    {
        var json = FlowJson.Document(
            "menu",
            """{ "id": "menu", "type": "menu", "prompts": ["m"], "choices": { "2": "nowhere" }, "invalid": "bye" }""",
            FlowJson.HangUp);

        var validation = IvrFlowValidator.Validate(json);

        var error = Assert.Single(validation.Errors);
        Assert.Equal("Error: node 'menu', field 'choices.2': no node has id 'nowhere'.", error.ToString());
    }

    [Fact]
    public void AMenuWithoutChoicesIsAnError()
    {
        var json = FlowJson.Document(
            "menu", """{ "id": "menu", "type": "menu", "prompts": ["m"], "invalid": "bye" }""", FlowJson.HangUp);

        var validation = IvrFlowValidator.Validate(json);

        var error = Assert.Single(validation.Errors);
        Assert.Equal(("menu", "choices"), (error.NodeId, error.Field));
    }

    [Fact]
    public void AnUnreachableNodeIsAWarningAndTheDocumentIsStillAccepted()
    {
        var json = FlowJson.Document(
            "bye", FlowJson.HangUp, """{ "id": "orphan", "type": "transfer", "extension": "1002" }""");

        var validation = IvrFlowValidator.Validate(json);

        Assert.True(validation.IsValid);
        var warning = Assert.Single(validation.Warnings);
        Assert.Equal("orphan", warning.NodeId);
        Assert.Contains("no path from the start", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingAndMalformedFieldsAreErrorsNamingEachField()
    {
        var json = FlowJson.Document(
            "c",
            """{ "id": "c", "type": "collect", "prompts": ["p"], "variable": "account", "minLength": 6, "maxLength": 4, "terminator": "x", "next": "bye", "invalid": "bye" }""",
            """{ "id": "q", "type": "queue", "level": 11 }""",
            """{ "id": "t", "type": "condition", "from": "8am", "then": "bye", "else": "bye" }""",
            FlowJson.HangUp);

        var validation = IvrFlowValidator.Validate(json);

        var fields = validation.Errors.Select(e => $"{e.NodeId}.{e.Field}").Order().ToList();
        Assert.Equal(["c.maxLength", "c.terminator", "q.level", "q.queue", "t.from"], fields);
    }

    [Fact]
    public void AStartThatIsNotANodeIsAnErrorOfTheDocument()
    {
        var validation = IvrFlowValidator.Validate(FlowJson.Document("missing", FlowJson.HangUp));

        var error = Assert.Single(validation.Errors);
        Assert.Equal((null, "start"), (error.NodeId, error.Field));
    }

    [Fact]
    public void MalformedJsonIsOneErrorNotAnException()
    {
        var validation = IvrFlowValidator.Validate("{ \"nodes\": [ ");

        var error = Assert.Single(validation.Errors);
        Assert.StartsWith("not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheExampleInTheDocumentationIsValidWithoutWarnings()
    {
        // The example of docs/acd.md, section IVR flows.
        const string json = """
        {
          "name": "main", "version": 3, "start": "hours",
          "holidays": ["2026-12-25", "2027-01-01"],
          "nodes": [
            { "id": "hours", "type": "condition", "weekdays": ["mon", "tue", "wed", "thu", "fri"],
              "from": "08:00", "to": "18:00", "holiday": false, "then": "welcome", "else": "closed" },
            { "id": "welcome", "type": "play", "prompts": ["welcome"], "next": "menu" },
            { "id": "menu", "type": "menu", "prompts": ["menu"], "choices": { "1": "sales", "2": "account", "0": "operator" },
              "timeoutSeconds": 5, "retries": 2, "invalidPrompt": "invalid", "invalid": "support", "timeout": "support" },
            { "id": "account", "type": "collect", "prompts": ["enter-account"], "variable": "account",
              "minLength": 4, "maxLength": 8, "terminator": "#", "timeoutSeconds": 5, "next": "vip", "invalid": "support" },
            { "id": "vip", "type": "set", "variable": "tier", "value": "gold", "next": "support" },
            { "id": "sales", "type": "queue", "queue": "sales", "priority": 5, "skill": "french", "level": 3 },
            { "id": "support", "type": "queue", "queue": "support" },
            { "id": "operator", "type": "transfer", "extension": "1001" },
            { "id": "closed", "type": "hangup", "prompts": ["closed"] }
          ]
        }
        """;

        var validation = IvrFlowValidator.Validate(json);

        Assert.True(validation.IsValid, string.Join("\n", validation.Problems));
        Assert.Empty(validation.Warnings);
        Assert.Equal(9, validation.Document!.Nodes.Count);
    }

    [Fact]
    public void TwoNodesWithTheSameIdAreAnError()
    {
        var validation = IvrFlowValidator.Validate(FlowJson.Document("bye", FlowJson.HangUp, FlowJson.HangUp));

        var error = Assert.Single(validation.Errors);
        Assert.Equal(("bye", "id"), (error.NodeId, error.Field));
    }
}
