using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Appliance.Service.Tests.Support;

namespace Appliance.Service.Tests.EndToEnd;

/// <summary>
/// A flow's webhook node against a real HTTP server on loopback: the first request is answered
/// at once with JSON, the second only after the node's 2 s timeout, the third with 500 (the node
/// does not try again: CrmWebhookAuthTests covers the retry). SIPp callers walk the flow in turn;
/// the queue each ends in shows the branch it took.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CrmWebhookTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task AnAnsweringCrmSetsTheVariablesAndASlowOrFailingOneSendsTheCallerDownTheFailedBranch()
    {
        await using var crm = new Crm();
        var flows = Directory.CreateTempSubdirectory("flows-").FullName;
        await File.WriteAllTextAsync(Path.Combine(flows, "main.json"), $$"""
            { "name": "main", "version": 7, "start": "crm",
              "nodes": [
                { "id": "crm", "type": "webhook", "url": "{{crm.Url}}", "retries": 0,
                  "map": { "crm.tier": "account.tier", "customer.name": "name" }, "ok": "tier", "failed": "line" },
                { "id": "tier", "type": "condition", "variable": "crm.tier", "equals": "gold",
                  "then": "gold", "else": "line" },
                { "id": "gold", "type": "queue", "queue": "sales" },
                { "id": "line", "type": "queue", "queue": "support" } ] }
            """);
        await using var service = await ApplianceProcess.StartAsync($"--Ivr:FlowDirectory={flows}");
        var sipp = new SippRunner(service.Root);

        var answered = await CallAsync(sipp, service);
        var slow = await CallAsync(sipp, service);
        var failing = await CallAsync(sipp, service);

        Assert.Equal("sales", answered?.Queue);
        Assert.Equal("support", slow?.Queue);
        Assert.Equal("support", failing?.Queue);
        Assert.Equal(3, crm.Bodies.Count);
        Assert.Contains($"\"callId\":\"{answered!.CallId}\"", crm.Bodies[0], StringComparison.Ordinal);
        Assert.Contains("\"caller\":\"5551234\"", crm.Bodies[0], StringComparison.Ordinal);
        Assert.Contains(
            $"Call {slow!.CallId}: webhook {crm.Url} failed (no answer within 2 s)",
            service.Output,
            StringComparison.Ordinal);
        Assert.Contains(
            $"Call {failing!.CallId}: webhook {crm.Url} failed (status 500)", service.Output, StringComparison.Ordinal);
        Assert.DoesNotContain($"Call {answered.CallId}: webhook", service.Output, StringComparison.Ordinal);
        Directory.Delete(flows, recursive: true);
    }

    /// <summary>A SIPp caller on DID 100 who talks 3 s; returns the call's record.</summary>
    internal static async Task<CdrSnapshot?> CallAsync(SippRunner sipp, ApplianceProcess service)
    {
        var callId = $"e2e-webhook-{Guid.NewGuid():N}";
        var caller = await sipp.Start(
            "caller.xml",
            FreePorts.Sip(),
            TimeSpan.FromSeconds(30),
            service.SipTarget,
            "-s", "100",
            "-set", "talk", "3000",
            "-cid_str", callId,
            "-mp", FreePorts.Media().ToString(CultureInfo.InvariantCulture),
            "-m", "1").WaitAsync();
        Assert.True(caller.ExitCode == 0, caller.Describe() + "\nService:\n" + service.Output);
        return await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(5));
    }

    /// <summary>The CRM: answers request 1 with JSON, request 2 after 4 s, request 3 with 500.</summary>
    private sealed class Crm : IAsyncDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _loop;

        public Crm()
        {
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                Url = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/calls/");
            }

            _listener.Prefixes.Add(Url.ToString());
            _listener.Start();
            _loop = Task.Run(ServeAsync);
        }

        public Uri Url { get; }

        public List<string> Bodies { get; } = [];

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            await _loop;
            _listener.Close();
        }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
                {
                    lock (Bodies)
                    {
                        Bodies.Add(reader.ReadToEnd());
                    }
                }

                var number = Bodies.Count;
                _ = Task.Run(() => AnswerAsync(context, number));
            }
        }

        private static async Task AnswerAsync(HttpListenerContext context, int number)
        {
            try
            {
                if (number == 2)
                {
                    await Task.Delay(TimeSpan.FromSeconds(4));
                }

                context.Response.StatusCode = number == 3 ? 500 : 200;
                context.Response.ContentType = "application/json";
                var body = Encoding.UTF8.GetBytes("""{ "name": "Ada Lovelace", "account": { "tier": "gold" } }""");
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
            catch (HttpListenerException)
            {
                // The box gave up on the slow answer and closed the connection.
            }
        }
    }
}
