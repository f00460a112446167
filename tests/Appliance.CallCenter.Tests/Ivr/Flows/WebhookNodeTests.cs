using Appliance.CallCenter.Ivr;
using Appliance.CallCenter.Ivr.Flows;
using Appliance.CallCenter.Routing;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.CallCenter.Tests.Ivr.Flows;

public sealed class WebhookNodeTests
{
    private const string Webhook = """
        { "id": "crm", "type": "webhook", "url": "http://crm.example/calls", "timeoutSeconds": 1.5,
          "map": { "customer.name": "name", "crm.tier": "account.tier" }, "ok": "tier", "failed": "line" }
        """;

    private const string Tier = """
        { "id": "tier", "type": "condition", "variable": "crm.tier", "equals": "gold", "then": "gold", "else": "line" }
        """;

    private const string Gold = """{ "id": "gold", "type": "queue", "queue": "sales", "priority": 9 }""";

    private const string Line = """{ "id": "line", "type": "queue", "queue": "support" }""";

    [Fact]
    public void AWebhookNodeSendsTheCallsVariablesToItsAddressWithItsTimeout()
    {
        var run = Run(
            """{ "id": "mode", "type": "set", "variable": "mode", "value": "day", "next": "crm" }""",
            Webhook, Tier, Gold, Line);

        var request = Assert.IsType<CallWebhook>(run.Start());

        Assert.Equal(new Uri("http://crm.example/calls"), request.Url);
        Assert.Equal("POST", request.Method);
        Assert.Equal(TimeSpan.FromSeconds(1.5), request.Timeout);
        Assert.Equal("day", request.Variables["mode"]);
    }

    [Fact]
    public void TheAnswersMappedFieldsBecomeVariablesThatLaterNodesUse()
    {
        var run = Run(Webhook, Tier, Gold, Line);
        run.Start();

        var routed = run.WebhookAnswered(new Dictionary<string, string>
        {
            ["name"] = "Ada Lovelace",
            ["account.tier"] = "gold",
            ["ignored"] = "x",
        });

        Assert.Equal(new QueueCall("sales", new CallRequirements(9)), routed);
        Assert.Equal("Ada Lovelace", run.Variables["customer.name"]);
        Assert.DoesNotContain("ignored", run.Variables.Keys);
    }

    [Fact]
    public void AFailedWebhookTakesTheFailedBranchAndSetsNothing()
    {
        var run = Run(Webhook, Tier, Gold, Line);
        run.Start();

        var routed = run.WebhookAnswered(null);

        Assert.Equal(new QueueCall("support", CallRequirements.Normal), routed);
        Assert.Empty(run.Variables);
    }

    [Fact]
    public void AnAnswerThatComesAfterTheCallMovedOnIsIgnored()
    {
        var run = Run(Webhook, Tier, Gold, Line);
        run.Start();
        run.WebhookAnswered(null);

        var late = run.WebhookAnswered(new Dictionary<string, string> { ["account.tier"] = "gold" });

        Assert.Same(NoAction.Instance, late);
    }

    [Fact]
    public void TheTimeoutIsTwoSecondsWhenTheNodeGivesNone()
    {
        var run = Run(
            """{ "id": "crm", "type": "webhook", "url": "https://crm.example/", "method": "get", "ok": "line", "failed": "line" }""",
            Line);

        var request = Assert.IsType<CallWebhook>(run.Start());

        Assert.Equal(TimeSpan.FromSeconds(2), request.Timeout);
        Assert.Equal("GET", request.Method);
    }

    [Theory]
    [InlineData("""{ "id": "crm", "type": "webhook", "url": "ftp://crm/", "ok": "line", "failed": "line" }""", "url")]
    [InlineData("""{ "id": "crm", "type": "webhook", "url": "/relative", "ok": "line", "failed": "line" }""", "url")]
    [InlineData("""{ "id": "crm", "type": "webhook", "url": "http://crm/", "method": "PUT", "ok": "line", "failed": "line" }""", "method")]
    [InlineData("""{ "id": "crm", "type": "webhook", "url": "http://crm/", "timeoutSeconds": 60, "ok": "line", "failed": "line" }""", "timeoutSeconds")]
    [InlineData("""{ "id": "crm", "type": "webhook", "url": "http://crm/", "map": { "a": 1 }, "ok": "line", "failed": "line" }""", "map.a")]
    [InlineData("""{ "id": "crm", "type": "webhook", "url": "http://crm/", "ok": "line" }""", "failed")]
    [InlineData("""{ "id": "crm", "type": "webhook", "url": "https://ivr:pw@crm/", "ok": "line", "failed": "line" }""", "url")]
    [InlineData("""{ "id": "crm", "type": "webhook", "url": "http://crm/", "retries": 3, "ok": "line", "failed": "line" }""", "retries")]
    [InlineData("""{ "id": "crm", "type": "webhook", "url": "http://crm/", "auth": "x", "ok": "line", "failed": "line" }""", "auth")]
    [InlineData("""{ "id": "crm", "type": "webhook", "url": "http://crm/", "auth": { "scheme": "digest", "secret": "s" }, "ok": "line", "failed": "line" }""", "auth.scheme")]
    [InlineData("""{ "id": "crm", "type": "webhook", "url": "http://crm/", "auth": { "scheme": "bearer" }, "ok": "line", "failed": "line" }""", "auth.secret")]
    [InlineData("""{ "id": "crm", "type": "webhook", "url": "http://crm/", "auth": { "scheme": "bearer", "secret": "a b" }, "ok": "line", "failed": "line" }""", "auth.secret")]
    [InlineData("""{ "id": "crm", "type": "webhook", "url": "http://crm/", "auth": { "scheme": "basic", "secret": "s" }, "ok": "line", "failed": "line" }""", "auth.user")]
    [InlineData("""{ "id": "crm", "type": "webhook", "url": "http://crm/", "auth": { "scheme": "basic", "user": "a:b", "secret": "s" }, "ok": "line", "failed": "line" }""", "auth.user")]
    [InlineData("""{ "id": "crm", "type": "webhook", "url": "http://crm/", "auth": { "scheme": "bearer", "user": "u", "secret": "s" }, "ok": "line", "failed": "line" }""", "auth.user")]
    [InlineData("""{ "id": "crm", "type": "webhook", "url": "http://crm/", "auth": { "scheme": "bearer", "secret": "s", "token": "abc" }, "ok": "line", "failed": "line" }""", "auth.token")]
    public void AMalformedWebhookIsRefusedNamingTheNodeAndField(string node, string field)
    {
        var validation = IvrFlowValidator.Validate(FlowJson.Document("crm", node, Line));

        Assert.False(validation.IsValid);
        var error = Assert.Single(validation.Problems, p => p.Severity == FlowProblemSeverity.Error);
        Assert.Equal("crm", error.NodeId);
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void ANodesCredentialsAndRetriesGoWithItsRequestByTheSecretsNameOnly()
    {
        var run = Run(
            """
            { "id": "crm", "type": "webhook", "url": "https://crm.example/", "retries": 2,
              "auth": { "scheme": "basic", "user": "ivr", "secret": "crm-password" }, "ok": "line", "failed": "line" }
            """,
            Line);

        var request = Assert.IsType<CallWebhook>(run.Start());

        Assert.Equal(new WebhookAuth("basic", "ivr", "crm-password"), request.Auth);
        Assert.Equal(2, request.Retries);
    }

    [Fact]
    public void ANodeWithoutAuthOrRetriesIsTriedAgainOnceAndSendsNoCredentials()
    {
        var run = Run(Webhook, Tier, Gold, Line);

        var request = Assert.IsType<CallWebhook>(run.Start());

        Assert.Null(request.Auth);
        Assert.Equal(1, request.Retries);
    }

    private static IvrFlowRun Run(params string[] nodes)
    {
        var start = System.Text.Json.JsonDocument.Parse(nodes[0]).RootElement.GetProperty("id").GetString()!;
        var validation = IvrFlowValidator.Validate(FlowJson.Document(start, nodes));
        Assert.True(validation.IsValid, string.Join("\n", validation.Problems));
        return new IvrFlowRun(validation.Document!, new FakeTimeProvider());
    }
}
