using System.Net;
using System.Text.Json;
using Appliance.Service.Tests.Support;
using Appliance.Telephony.Tests.Webhooks;

namespace Appliance.Service.Tests.EndToEnd;

/// <summary>
/// A webhook node with a bearer secret and one retry against a CRM on Kestrel at 127.0.0.1: the
/// first SIPp caller's request gets 503 and then 200 and ends in the success branch's queue, the
/// second's gets 503 twice and ends in the failed branch's. Every request carries the token; the
/// token itself is in no log line and no flow the API shows, and a flow naming a secret the box
/// does not have is refused naming the node's field.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CrmWebhookAuthTests
{
    private const string Token = "e2e-crm-t0ken-9f3a";

    [Fact]
    [Trait("Category", "Integration")]
    public async Task A503ThenA200TakesTheOkBranchTwoFailuresTheFailedOneAndTheTokenArrivesButIsNeverShown()
    {
        await using var crm = await KestrelCrm.StartAsync(503, 200, 503, 503, 200);
        using var flows = new FlowFolder($$"""
            { "name": "main", "version": 3, "start": "crm",
              "nodes": [
                { "id": "crm", "type": "webhook", "url": "{{crm.Url}}", "timeoutSeconds": 2, "retries": 1,
                  "auth": { "scheme": "bearer", "secret": "crm-token" }, "ok": "gold", "failed": "line" },
                { "id": "gold", "type": "queue", "queue": "sales" },
                { "id": "line", "type": "queue", "queue": "support" } ] }
            """);
        await using var service = await ApplianceProcess.StartAsync(
        [
            $"--Ivr:FlowDirectory={flows.Path}",
            $"--Ivr:WebhookSecrets:crm-token={Token}",
            .. WebApiClient.Arguments(out var https),
        ]);
        var sipp = new SippRunner(service.Root);

        var retried = await CrmWebhookTests.CallAsync(sipp, service);
        var failed = await CrmWebhookTests.CallAsync(sipp, service);
        using var admin = await WebApiClient.LoginAsync(service, https);
        using var stored = await admin.GetJsonAsync("/api/admin/flows");
        using var unknownSecret = await admin.SendAsync(HttpMethod.Post, "/api/admin/flows", new
        {
            json = $$"""
                { "name": "other", "version": 1, "start": "crm",
                  "nodes": [
                    { "id": "crm", "type": "webhook", "url": "{{crm.Url}}",
                      "auth": { "scheme": "bearer", "secret": "nosuch" }, "ok": "q", "failed": "q" },
                    { "id": "q", "type": "queue", "queue": "sales" } ] }
                """,
        });
        using var refusal = JsonDocument.Parse(await unknownSecret.Content.ReadAsStringAsync());

        var why = "\nService:\n" + service.Output;
        Assert.True(retried?.Queue == "sales", $"503 then 200 did not take the ok branch: {retried?.Queue}{why}");
        Assert.True(failed?.Queue == "support", $"two 503s did not take the failed branch: {failed?.Queue}{why}");
        Assert.Equal(4, crm.Requests);
        Assert.All(crm.Authorizations, header => Assert.Equal($"Bearer {Token}", header));
        Assert.Contains(
            $"Call {failed!.CallId}: webhook {crm.Url} failed (status 503 after 2 attempts)",
            service.Output,
            StringComparison.Ordinal);
        Assert.DoesNotContain($"Call {retried!.CallId}: webhook", service.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, service.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, stored.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknownSecret.StatusCode);
        var error = refusal.RootElement.GetProperty("errors").GetProperty("crm.auth.secret")[0].GetString();
        Assert.Contains("nosuch", error, StringComparison.Ordinal);
    }
}
