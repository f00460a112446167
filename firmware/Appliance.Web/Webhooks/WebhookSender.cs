using System.Net.Http.Json;
using System.Threading.Channels;
using Appliance.Web.Api;
using Appliance.Web.Live;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using Serilog;

namespace Appliance.Web.Webhooks;

/// <summary>
/// Posts every floor event as JSON to each configured webhook URL (a CRM's), in order, with
/// retries: a failed or timed-out POST (network error, 5xx, 429) is tried again up to
/// <see cref="MaxRetries"/> times with exponential back-off. Events wait in a bounded queue;
/// when a CRM stays down the oldest are dropped and counted, so the box never fills up.
/// </summary>
public sealed class WebhookSender : IAsyncDisposable
{
    public const int MaxRetries = 4;
    private const int Backlog = 1000;

    private readonly IReadOnlyList<Uri> _targets;
    private readonly HttpClient _http;
    private readonly ILogger _log;
    private readonly Channel<FloorEvent> _queue;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _dropped;

    public WebhookSender(IReadOnlyList<Uri> targets, HttpClient http, ILogger log, TimeSpan? firstRetryDelay = null)
    {
        _targets = targets;
        _http = http;
        _log = log.ForContext<WebhookSender>();
        _queue = Channel.CreateBounded<FloorEvent>(new BoundedChannelOptions(Backlog)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        }, _ => Interlocked.Increment(ref _dropped));
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = firstRetryDelay ?? TimeSpan.FromSeconds(1),
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => (int)r.StatusCode >= 500 || (int)r.StatusCode == 429),
                OnRetry = args =>
                {
                    _log.Warning(
                        "Webhook attempt {Attempt} failed ({Reason}); retrying in {RetryDelay}",
                        args.AttemptNumber + 1,
                        args.Outcome.Exception?.Message ?? $"HTTP {(int?)args.Outcome.Result?.StatusCode}",
                        args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(TimeSpan.FromSeconds(10))
            .Build();
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Events dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Queues an event for every target; never blocks.</summary>
    public void Enqueue(FloorEvent change)
    {
        if (_targets.Count > 0)
        {
            _queue.Writer.TryWrite(change);
        }
    }

    private async Task RunAsync()
    {
        try
        {
            await foreach (var change in _queue.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                foreach (var target in _targets)
                {
                    await PostAsync(target, change).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: what is still queued is not sent.
        }
    }

    private async Task PostAsync(Uri target, FloorEvent change)
    {
        try
        {
            using var response = await _pipeline.ExecuteAsync(
                async token => await _http.PostAsJsonAsync(target, change, JsonOptions.Compact, token)
                    .ConfigureAwait(false),
                _stop.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                _log.Error(
                    "Webhook {Target} refused {Event} {Kind} with {Status}",
                    target,
                    change.Type,
                    change.Kind,
                    (int)response.StatusCode);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException)
        {
            _log.Error(
                "Webhook {Target} lost {Event} {Kind} after {Retries} retries: {Reason}",
                target,
                change.Type,
                change.Kind,
                MaxRetries,
                ex.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
