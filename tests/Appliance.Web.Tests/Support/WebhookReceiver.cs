using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Appliance.Web.Tests.Support;

/// <summary>
/// A CRM's webhook endpoint on a free loopback port: answers the first <c>failures</c> POSTs
/// with 500 and the rest with 200, keeping every body it was sent, in order.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Channel<string> _bodies = Channel.CreateUnbounded<string>();
    private readonly Task _loop;
    private int _failuresLeft;

    public WebhookReceiver(int failures)
    {
        _failuresLeft = failures;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Url = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/hook/");
        }

        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    /// <summary>The next body received (failed attempts included), or null after <paramref name="timeout"/>.</summary>
    public async Task<string?> NextAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            return await _bodies.Reader.ReadAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
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

            using var reader = new StreamReader(context.Request.InputStream);
            await _bodies.Writer.WriteAsync(await reader.ReadToEndAsync());
            context.Response.StatusCode = Interlocked.Decrement(ref _failuresLeft) >= 0 ? 500 : 200;
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
