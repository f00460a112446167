using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Appliance.Telephony.Tests.Webhooks;

/// <summary>
/// A CRM on Kestrel at 127.0.0.1 and a free port: each request is answered by the next status of
/// its script (the last one repeats), 200 with a JSON customer, 0 by never answering; the
/// Authorization header of every request is kept for the test to read.
/// </summary>
internal sealed class KestrelCrm : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly int[] _statuses;
    private int _served;

    private KestrelCrm(WebApplication app, int[] statuses)
    {
        _app = app;
        _statuses = statuses;
    }

    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The Authorization header of each request in order, empty when it had none.</summary>
    public ConcurrentQueue<string> Authorizations { get; } = new();

    public int Requests => Volatile.Read(ref _served);

    public static async Task<KestrelCrm> StartAsync(params int[] statuses)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(
            o => o.Listen(System.Net.IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http1));
        var app = builder.Build();
        var crm = new KestrelCrm(app, statuses);
        app.MapMethods("/calls", ["GET", "POST"], crm.AnswerAsync);
        await app.StartAsync();
        crm.Url = new Uri(app.Urls.First() + "/calls");
        return crm;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var number = Interlocked.Increment(ref _served);
        Authorizations.Enqueue(context.Request.Headers.Authorization.ToString());
        var status = _statuses.Length == 0 ? 200 : _statuses[Math.Min(number, _statuses.Length) - 1];
        if (status == 0)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client gave up, as the test wants.
            }

            return;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("""{ "name": "Ada Lovelace", "account": { "tier": "gold" } }""");
    }
}
