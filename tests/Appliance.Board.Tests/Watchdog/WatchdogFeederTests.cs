using Appliance.Board.Watchdog;
using Microsoft.Extensions.Time.Testing;
using Serilog;

namespace Appliance.Board.Tests.Watchdog;

/// <summary>The feeder writing to a file that stands in for /dev/watchdog.</summary>
[Trait("Category", "Integration")]
public sealed class WatchdogFeederTests : IAsyncDisposable, IHealthProbe
{
    private readonly string _folder = Directory.CreateTempSubdirectory("board-watchdog-").FullName;
    private readonly FakeTimeProvider _time = new();
    private readonly WatchdogFeeder _feeder;
    private HealthVerdict _verdict = HealthVerdict.Pass;
    private bool _hang;

    public WatchdogFeederTests()
    {
        DevicePath = Path.Combine(_folder, "watchdog");
        File.WriteAllBytes(DevicePath, []);
        _feeder = new WatchdogFeeder(DevicePath, this, TimeSpan.FromMilliseconds(200), _time, Silent);
    }

    private static ILogger Silent { get; } = new LoggerConfiguration().CreateLogger();

    private string DevicePath { get; }

    public async ValueTask DisposeAsync()
    {
        await _feeder.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    async ValueTask<HealthVerdict> IHealthProbe.CheckAsync(CancellationToken cancellationToken)
    {
        if (_hang)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return _verdict;
    }

    private string Written()
    {
        using var stream = new FileStream(DevicePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [Fact]
    public async Task DeviceIsFedOnEveryPassingCheck()
    {
        _feeder.Open();

        for (var i = 0; i < 3; i++)
        {
            await _feeder.CheckAndFeedAsync(CancellationToken.None);
        }

        Assert.Equal("...", Written());
        Assert.True(_feeder.Verdict.Healthy);
    }

    [Fact]
    public async Task FeedingStopsWhenHealthFailsAndResumesWhenItRecovers()
    {
        _feeder.Open();
        await _feeder.CheckAndFeedAsync(CancellationToken.None);

        _verdict = HealthVerdict.Fail("database not writable");
        var fedWhileFailing = await _feeder.CheckAndFeedAsync(CancellationToken.None);
        await _feeder.CheckAndFeedAsync(CancellationToken.None);
        var whileFailing = Written();
        var verdict = _feeder.Verdict;
        _verdict = HealthVerdict.Pass;
        await _feeder.CheckAndFeedAsync(CancellationToken.None);

        Assert.False(fedWhileFailing);
        Assert.Equal(".", whileFailing);
        Assert.Equal("database not writable", verdict.Problem);
        Assert.Equal("..", Written());
    }

    [Fact]
    public async Task AHungHealthCheckCountsAsAFailure()
    {
        _feeder.Open();
        _hang = true;

        var check = _feeder.CheckAndFeedAsync(CancellationToken.None).AsTask();
        _time.Advance(TimeSpan.FromMilliseconds(200));
        var fed = await check.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(fed);
        Assert.Equal(string.Empty, Written());
        Assert.Contains("longer than", _feeder.Verdict.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrderlyStopDisarmsWithTheMagicClose()
    {
        _feeder.Open();
        await _feeder.CheckAndFeedAsync(CancellationToken.None);

        await _feeder.DisposeAsync();

        Assert.Equal(".V", Written());
        Assert.False(_feeder.Armed);
    }

    [Fact]
    public async Task AMissingDeviceLeavesTheBoxUnarmedButStillChecksHealth()
    {
        await using var feeder = new WatchdogFeeder(
            Path.Combine(_folder, "absent"), this, TimeSpan.FromSeconds(1), _time, Silent);

        var armed = feeder.Open();
        _verdict = HealthVerdict.Fail("SIP transport silent");
        await feeder.CheckAndFeedAsync(CancellationToken.None);

        Assert.False(armed);
        Assert.False(feeder.Verdict.Healthy);
    }
}
