using System.Diagnostics;
using Serilog;

namespace Appliance.Media.Engine;

/// <summary>
/// One dedicated thread that ticks every 20 ms and services every registered
/// <see cref="IMediaTicker"/> in registration order. Deadlines are absolute (start + n × 20 ms
/// on the <see cref="Stopwatch"/>), so a late tick does not push the later ones back and the
/// clock keeps the far end's 8 kHz rate over hours. A tick that comes up to 100 ms late is
/// caught up at once; past that (the process was stalled) the missed ticks are skipped and
/// counted, since a burst of stale audio helps no one.
/// </summary>
/// <remarks>
/// <see cref="Register"/> and <see cref="Unregister"/> are thread-safe and do not wait for the
/// clock: the ticker list is copied on write. A ticker being serviced when it is unregistered
/// may still see that one <see cref="IMediaTicker.Tick"/> finish after
/// <see cref="Unregister"/> returns. The clock starts when constructed.
/// </remarks>
public sealed class MediaClock : IAsyncDisposable
{
    /// <summary>The tick interval: one 20 ms frame, 160 samples at 8 kHz (RFC 3551 §4.5 default
    /// ptime).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    private const int CatchUpLimitTicks = 5;
    private static readonly TimeSpan s_warningInterval = TimeSpan.FromSeconds(10);

    private readonly ILogger _log;
    private readonly object _registrationLock = new();
    private readonly ManualResetEventSlim _stop = new(initialState: false, spinCount: 1);
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Thread? _thread;
    private volatile IMediaTicker[] _tickers = [];
    private long _tickCount;
    private long _skippedTicks;
    private long _tickerFailures;
    private long _lastWarningTimestamp;
    private int _disposed;

    /// <summary>Creates the clock and starts its thread.</summary>
    public MediaClock(ILogger log)
        : this(log, start: true)
    {
    }

    /// <summary>Creates a clock; without <paramref name="start"/> it only ticks through <see
    /// cref="TickOnce"/>.</summary>
    internal MediaClock(ILogger log, bool start)
    {
        _log = log.ForContext<MediaClock>();
        if (!start)
        {
            _stopped.SetResult();
            return;
        }

        _thread = new Thread(Run)
        {
            IsBackground = true,
            Name = "Media clock",
            Priority = ThreadPriority.AboveNormal,
        };
        _thread.Start();
    }

    /// <summary>Ticks serviced since start.</summary>
    public long TickCount => Interlocked.Read(ref _tickCount);

    /// <summary>Ticks skipped because the clock thread was stalled for more than 100 ms.</summary>
    public long SkippedTicks => Interlocked.Read(ref _skippedTicks);

    /// <summary>Ticker calls that threw.</summary>
    public long TickerFailures => Interlocked.Read(ref _tickerFailures);

    /// <summary>How many tickers are registered.</summary>
    public int TickerCount => _tickers.Length;

    /// <summary>Adds a ticker; it is serviced from the next tick on. Registering twice ticks it
    /// twice.</summary>
    public void Register(IMediaTicker ticker)
    {
        ArgumentNullException.ThrowIfNull(ticker);
        lock (_registrationLock)
        {
            _tickers = [.. _tickers, ticker];
        }
    }

    /// <summary>Removes a ticker; false when it was not registered.</summary>
    public bool Unregister(IMediaTicker ticker)
    {
        lock (_registrationLock)
        {
            var index = Array.IndexOf(_tickers, ticker);
            if (index < 0)
            {
                return false;
            }

            var tickers = new IMediaTicker[_tickers.Length - 1];
            _tickers.AsSpan(0, index).CopyTo(tickers);
            _tickers.AsSpan(index + 1).CopyTo(tickers.AsSpan(index));
            _tickers = tickers;
            return true;
        }
    }

    /// <summary>Stops the thread and waits for the tick in progress to finish. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stop.Set();

        // A ticker disposing the clock from inside Tick must not wait for its own thread.
        if (_thread is not null && Thread.CurrentThread != _thread)
        {
            await _stopped.Task.ConfigureAwait(false);
        }
    }

    /// <summary>Services every ticker once on the calling thread (tests drive a clock without a
    /// thread).</summary>
    internal void TickOnce()
    {
        foreach (var ticker in _tickers)
        {
            try
            {
                ticker.Tick();
            }
            catch (Exception ex)
            {
                var failures = Interlocked.Increment(ref _tickerFailures);
                if (ShouldWarn())
                {
                    _log.Warning(
                        ex,
                        "Media ticker {Ticker} failed; {Failures} failures so far",
                        ticker,
                        failures);
                }
            }
        }

        Interlocked.Increment(ref _tickCount);
    }

    private void Run()
    {
        try
        {
            var interval = (long)(Interval.TotalSeconds * Stopwatch.Frequency);
            var start = Stopwatch.GetTimestamp();
            long tick = 0;
            while (true)
            {
                tick++;
                var deadline = start + (tick * interval);
                var now = Stopwatch.GetTimestamp();
                if (now - deadline > CatchUpLimitTicks * interval)
                {
                    var behind = (now - start) / interval;
                    Interlocked.Add(ref _skippedTicks, behind - tick);
                    if (ShouldWarn())
                    {
                        _log.Warning("Media clock stalled and skipped {Skipped} ticks", behind - tick);
                    }

                    tick = behind;
                    deadline = start + (tick * interval);
                }

                // Wait in whole milliseconds, rounded up: a tick is at most 1 ms late, never early.
                var waitMs = Math.Ceiling((deadline - now) * 1000.0 / Stopwatch.Frequency);
                if (waitMs > 0 && _stop.Wait(TimeSpan.FromMilliseconds(waitMs)))
                {
                    break;
                }

                if (_stop.IsSet)
                {
                    break;
                }

                TickOnce();
            }
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    // At most one Warning per interval: a ticker failing every 20 ms must not flood the log.
    private bool ShouldWarn()
    {
        var now = Stopwatch.GetTimestamp();
        var last = Interlocked.Read(ref _lastWarningTimestamp);
        if (last != 0 && Stopwatch.GetElapsedTime(last, now) < s_warningInterval)
        {
            return false;
        }

        return Interlocked.CompareExchange(ref _lastWarningTimestamp, now, last) == last;
    }
}
