using Serilog;

namespace Appliance.Board.Watchdog;

/// <summary>
/// Runs the health checks on a period and feeds the hardware watchdog only while they pass, so
/// a hung or broken service lets the watchdog reset the box. Without a watchdog device it still
/// checks, and <see cref="Verdict"/> drives the run LED.
/// </summary>
/// <remarks>
/// Linux watchdog API (Documentation/watchdog/watchdog-api.rst): opening the device arms it, any
/// write feeds it, and writing 'V' just before closing disarms it ("magic close"), which is what
/// an orderly stop does. Not thread-safe: one loop calls <see cref="CheckAndFeedAsync"/>.
/// </remarks>
public sealed class WatchdogFeeder : IAsyncDisposable
{
    private static readonly byte[] s_feed = [(byte)'.'];
    private static readonly byte[] s_magicClose = [(byte)'V'];

    private readonly IHealthProbe _probe;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly TimeSpan _interval;
    private readonly string? _devicePath;
    private FileStream? _device;
    private volatile bool _healthy;
    private string? _problem = "not checked yet";

    /// <param name="devicePath">The watchdog node, such as /dev/watchdog; null checks health only.</param>
    /// <param name="probe">The health checks.</param>
    /// <param name="interval">Time between checks; keep it well under the watchdog timeout.</param>
    /// <param name="time">The clock.</param>
    /// <param name="log">Diagnostic log.</param>
    public WatchdogFeeder(
        string? devicePath,
        IHealthProbe probe,
        TimeSpan interval,
        TimeProvider time,
        ILogger log)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _devicePath = devicePath;
        _probe = probe;
        _interval = interval;
        _time = time;
        _log = log.ForContext<WatchdogFeeder>();
    }

    /// <summary>The last verdict; unhealthy until the first check.</summary>
    public HealthVerdict Verdict => _healthy ? HealthVerdict.Pass : HealthVerdict.Fail(_problem ?? "unknown");

    /// <summary>Feeds written to the device since it was opened.</summary>
    public int Feeds { get; private set; }

    /// <summary>Whether the watchdog device is open (armed).</summary>
    public bool Armed => _device is not null;

    /// <summary>Opens (arms) the watchdog device; false when there is none or it cannot be opened.</summary>
    public bool Open()
    {
        if (_devicePath is null || _device is not null)
        {
            return _device is not null;
        }

        try
        {
            _device = new FileStream(
                _devicePath,
                FileMode.Open,
                FileAccess.Write,
                FileShare.ReadWrite,
                bufferSize: 0);
            _log.Information("Watchdog {WatchdogDevice} armed; fed every {WatchdogInterval} while healthy",
                _devicePath, _interval);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _log.Warning("Watchdog {WatchdogDevice} cannot be opened, the box runs without one: {Reason}",
                _devicePath, ex.Message);
            return false;
        }
    }

    /// <summary>
    /// Runs the checks once (at most one interval) and feeds the device when they pass.
    /// Returns whether it fed.
    /// </summary>
    public async ValueTask<bool> CheckAndFeedAsync(CancellationToken cancellationToken)
    {
        HealthVerdict verdict;
        using (var deadline = new CancellationTokenSource(_interval, _time))
        using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token))
        {
            try
            {
                verdict = await _probe.CheckAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                verdict = HealthVerdict.Fail($"health checks took longer than {_interval}");
            }
        }

        Record(verdict);
        if (!verdict.Healthy || _device is null)
        {
            return false;
        }

        try
        {
            _device.Write(s_feed);
            _device.Flush();
            Feeds++;
            return true;
        }
        catch (IOException ex)
        {
            _log.Error(ex, "Watchdog {WatchdogDevice} could not be fed", _devicePath);
            return false;
        }
    }

    /// <summary>Checks and feeds every interval until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_interval, _time);
        try
        {
            do
            {
                await CheckAndFeedAsync(cancellationToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is the normal way out of the loop.
        }
    }

    private void Record(HealthVerdict verdict)
    {
        var was = _healthy;
        _healthy = verdict.Healthy;
        _problem = verdict.Problem;
        if (was && !verdict.Healthy)
        {
            _log.Warning(
                "Health check failed, the watchdog is no longer fed and resets the box unless it "
                + "recovers: {Problem}",
                verdict.Problem);
        }
        else if (!was && verdict.Healthy && _device is not null)
        {
            _log.Information("Health checks pass; watchdog {WatchdogDevice} is fed", _devicePath);
        }
        else if (!was && verdict.Healthy)
        {
            _log.Information("Health checks pass");
        }
    }

    /// <summary>Disarms the watchdog with the magic close: an orderly stop must not reset the box.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_device is null)
        {
            return;
        }

        try
        {
            await _device.WriteAsync(s_magicClose).ConfigureAwait(false);
            await _device.FlushAsync().ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            _log.Warning(ex, "Watchdog {WatchdogDevice} could not be disarmed; the box may reset", _devicePath);
        }

        await _device.DisposeAsync().ConfigureAwait(false);
        _device = null;
    }
}
