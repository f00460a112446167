using System.Diagnostics;
using Appliance.Media.Engine;

namespace Appliance.Media.Tests.Engine;

public sealed class MediaClockTests
{
    [Fact]
    public async Task AFailingTickerIsLoggedAndTheOthersStillTick()
    {
        var log = new CapturingLog();
        await using var clock = new MediaClock(log.Logger, start: false);
        var counter = new CountingTicker();
        clock.Register(new ThrowingTicker());
        clock.Register(counter);

        clock.TickOnce();
        clock.TickOnce();

        Assert.Equal(2, counter.Ticks);
        Assert.Equal(2, clock.TickerFailures);
        Assert.Equal(1, log.Count(Serilog.Events.LogEventLevel.Warning));
    }

    [Fact]
    public async Task AnUnregisteredTickerIsNoLongerTicked()
    {
        await using var clock = new MediaClock(new CapturingLog().Logger, start: false);
        var counter = new CountingTicker();
        clock.Register(counter);
        clock.TickOnce();

        var removed = clock.Unregister(counter);
        clock.TickOnce();

        Assert.True(removed);
        Assert.False(clock.Unregister(counter));
        Assert.Equal(1, counter.Ticks);
        Assert.Equal(0, clock.TickerCount);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task TheClockTicksEveryTwentyMillisecondsWithoutDrift()
    {
        var clock = new MediaClock(new CapturingLog().Logger);
        var counter = new CountingTicker();
        var watch = Stopwatch.StartNew();
        clock.Register(counter);

        await Task.Delay(TimeSpan.FromMilliseconds(600));
        var ticks = counter.Ticks;
        var elapsedTicks = watch.Elapsed.TotalMilliseconds / 20;
        await clock.DisposeAsync();
        var afterDispose = counter.Ticks;
        await Task.Delay(60);

        // Deadlines are absolute, so the count follows the wall clock within a tick or two.
        Assert.InRange(ticks, elapsedTicks - 3, elapsedTicks + 1);
        Assert.Equal(afterDispose, counter.Ticks);
    }

    private sealed class CountingTicker : IMediaTicker
    {
        private int _ticks;

        public int Ticks => Volatile.Read(ref _ticks);

        public void Tick() => Interlocked.Increment(ref _ticks);
    }

    private sealed class ThrowingTicker : IMediaTicker
    {
        public void Tick() => throw new InvalidOperationException("broken ticker");
    }
}
