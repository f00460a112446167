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
/// <see cref="MaxRetries"/> times with exponential back-off. Each URL has its own bounded queue
/// and sender, so a CRM that is down delays only its own events; when one stays down its oldest
/// events are dropped and counted, so the box never fills up.
/// </summary>
public sealed class WebhookSender : IAsyncDisposable
{
    public const int MaxRetries = 4;
    private const int Backlog = 1000;

    private readonly HttpClient _http;
    private readonly ILogger _log;
    private readonly Channel<FloorEvent>[] _queues;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _loops;
    private long _dropped;

    public WebhookSender(IReadOnlyList<Uri> targets, HttpClient http, ILogger log, TimeSpan? firstRetryDelay = null)
    {
        _http = http;
        _log = log.ForContext<WebhookSender>();
        _queues = new Channel<FloorEvent>[targets.Count];
        for (var i = 0; i < _queues.Length; i++)
        {
            _queues[i] = Channel.CreateBounded<FloorEvent>(new BoundedChannelOptions(Backlog)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
            }, _ => Interlocked.Increment(ref _dropped));
        }

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
        _loops = new Task[_queues.Length];
        for (var i = 0; i < _loops.Length; i++)
        {
            var target = targets[i];
            var queue = _queues[i].Reader;
            _loops[i] = Task.Run(() => RunAsync(target, queue));
        }
    }

    /// <summary>Events dropped because a URL's queue was full, counted once per URL.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Queues an event for every target; never blocks.</summary>
    public void Enqueue(FloorEvent change)
    {
        foreach (var queue in _queues)
        {
            queue.Writer.TryWrite(change);
        }
    }

    private async Task RunAsync(Uri target, ChannelReader<FloorEvent> queue)
    {
        try
        {
            await foreach (var change in queue.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                await PostAsync(target, change).ConfigureAwait(false);
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
        foreach (var queue in _queues)
        {
            queue.Writer.TryComplete();
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_loops).ConfigureAwait(false);
        _stop.Dispose();
    }
}
