using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Appliance.CallCenter.Ivr.Flows;
using Appliance.Telephony.Webhooks;

namespace Appliance.Telephony.Tests.Webhooks;

/// <summary>
/// The webhook client against a CRM on Kestrel at 127.0.0.1: credentials by the secret's name
/// arrive in the Authorization header, a 503 is tried again within the node's timeout, and the
/// answer (fields or none) is what the flow's branch is chosen by.
/// </summary>
[Trait("Category", "Integration")]
public sealed class FlowWebhookClientTests : IDisposable
{
    private static readonly Dictionary<string, string> s_secrets = new(StringComparer.Ordinal)
    {
        ["crm-token"] = "t0ken-of-the-crm",
        ["crm-password"] = "pa55:word",
    };

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };

    [Fact]
    public async Task ABearerSecretArrivesInTheAuthorizationHeader()
    {
        await using var crm = await KestrelCrm.StartAsync(200);

        var (fields, failure) = await Client().CallAsync(
            Webhook(crm.Url, new WebhookAuth(WebhookAuth.Bearer, null, "crm-token")), "call-1", "5551234", "100");

        Assert.Null(failure);
        Assert.Equal("gold", fields!["account.tier"]);
        Assert.Equal(["Bearer t0ken-of-the-crm"], crm.Authorizations);
    }

    [Fact]
    public async Task BasicCredentialsArriveAsUserColonSecretInBase64()
    {
        await using var crm = await KestrelCrm.StartAsync(200);

        var (_, failure) = await Client().CallAsync(
            Webhook(crm.Url, new WebhookAuth(WebhookAuth.Basic, "ivr", "crm-password")), "call-1", null, null);

        Assert.Null(failure);
        var header = Assert.Single(crm.Authorizations);
        Assert.StartsWith("Basic ", header, StringComparison.Ordinal);
        Assert.Equal("ivr:pa55:word", Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..])));
    }

    [Fact]
    public async Task ANodeWithoutAuthSendsNoAuthorizationHeader()
    {
        await using var crm = await KestrelCrm.StartAsync(200);

        await Client().CallAsync(Webhook(crm.Url, auth: null), "call-1", null, null);

        Assert.Equal([string.Empty], crm.Authorizations);
    }

    [Fact]
    public async Task AFirst503ThenA200AnswersWithTheFieldsAndTheSameCredentials()
    {
        await using var crm = await KestrelCrm.StartAsync(503, 200);

        var (fields, failure) = await Client().CallAsync(
            Webhook(crm.Url, new WebhookAuth(WebhookAuth.Bearer, null, "crm-token")), "call-1", null, null);

        Assert.Null(failure);
        Assert.Equal("Ada Lovelace", fields!["name"]);
        Assert.Equal(["Bearer t0ken-of-the-crm", "Bearer t0ken-of-the-crm"], crm.Authorizations);
    }

    [Fact]
    public async Task TwoFailuresAnswerNothingWithinTheTimeout()
    {
        await using var crm = await KestrelCrm.StartAsync(503, 502, 200);
        var clock = Stopwatch.StartNew();

        var (fields, failure) = await Client().CallAsync(
            Webhook(crm.Url, auth: null, timeout: TimeSpan.FromSeconds(2)), "call-1", null, null);

        Assert.Null(fields);
        Assert.Equal("status 502 after 2 attempts", failure);
        Assert.Equal(2, crm.Requests);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task ARetryNeverRunsPastTheNodesTimeout()
    {
        await using var crm = await KestrelCrm.StartAsync(503, 0);
        var clock = Stopwatch.StartNew();

        var (fields, failure) = await Client().CallAsync(
            Webhook(crm.Url, auth: null, timeout: TimeSpan.FromSeconds(1)), "call-1", null, null);

        Assert.Null(fields);
        Assert.Equal("no answer within 1 s after 2 attempts", failure);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(1.5));
    }

    [Fact]
    public async Task A4xxIsNotTriedAgain()
    {
        await using var crm = await KestrelCrm.StartAsync(401, 200);

        var (fields, failure) = await Client().CallAsync(Webhook(crm.Url, auth: null), "call-1", null, null);

        Assert.Null(fields);
        Assert.Equal("status 401", failure);
        Assert.Equal(1, crm.Requests);
    }

    [Fact]
    public async Task ARefusedConnectionIsTriedAgainAndThenAnswersNothing()
    {
        var closed = ClosedPort();
        var clock = Stopwatch.StartNew();

        var (fields, failure) = await Client().CallAsync(
            Webhook(new Uri($"http://127.0.0.1:{closed}/calls"), auth: null), "call-1", null, null);

        Assert.Null(fields);
        Assert.EndsWith("after 2 attempts", failure, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task ASecretTheBoxDoesNotHaveSendsNothingAndNamesOnlyTheSecretsName()
    {
        await using var crm = await KestrelCrm.StartAsync(200);

        var (fields, failure) = await Client().CallAsync(
            Webhook(crm.Url, new WebhookAuth(WebhookAuth.Bearer, null, "gone")), "call-1", null, null);

        Assert.Null(fields);
        Assert.Equal("no secret 'gone' is set (Ivr:WebhookSecrets)", failure);
        Assert.Equal(0, crm.Requests);
    }

    public void Dispose() => _http.Dispose();

    private static CallWebhook Webhook(Uri url, WebhookAuth? auth, TimeSpan? timeout = null) =>
        new(url, "POST", timeout ?? TimeSpan.FromSeconds(2), new Dictionary<string, string>())
        {
            Auth = auth,
            Retries = 1,
        };

    private static int ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private FlowWebhookClient Client() => new(_http, s_secrets.GetValueOrDefault);
}
