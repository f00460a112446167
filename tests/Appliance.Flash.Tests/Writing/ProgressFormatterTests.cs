using Appliance.Flash.Writing;

namespace Appliance.Flash.Tests.Writing;

public sealed class ProgressFormatterTests
{
    [Fact]
    public void TerminalLineShowsBarPercentSpeedAndEta()
    {
        var progress = new ProgressSnapshot(100_000_000, 400_000_000, TimeSpan.FromSeconds(10));

        var line = ProgressFormatter.TerminalLine("writing", progress);

        Assert.Equal("writing [######..................]  25%  100.0 MB of 400.0 MB  10.0 MB/s  ETA 0:30", line);
    }

    [Fact]
    public void PlainLineHasNoBar()
    {
        var progress = new ProgressSnapshot(300_000_000, 400_000_000, TimeSpan.FromSeconds(20));

        var line = ProgressFormatter.PlainLine("verifying", progress);

        Assert.Equal("verifying:  75%  300.0 MB of 400.0 MB  15.0 MB/s  ETA 0:07", line);
    }

    [Fact]
    public void SpeedAndEtaAreDashesBeforeAnyTimeHasPassed()
    {
        var progress = new ProgressSnapshot(0, 400_000_000, TimeSpan.Zero);

        Assert.Equal("-- MB/s", ProgressFormatter.Speed(progress));
        Assert.Equal("--:--", ProgressFormatter.Eta(progress));
    }

    [Fact]
    public void LongEtaShowsHours()
    {
        var progress = new ProgressSnapshot(1_000_000, 8_000_000_000, TimeSpan.FromSeconds(1));

        Assert.Equal("2:13:19", ProgressFormatter.Eta(progress));
    }

    [Fact]
    public void FinishedPassIsAFullBar()
    {
        var progress = new ProgressSnapshot(5, 5, TimeSpan.FromSeconds(1));

        Assert.Contains("[########################] 100%", ProgressFormatter.TerminalLine("writing", progress), StringComparison.Ordinal);
    }
}
