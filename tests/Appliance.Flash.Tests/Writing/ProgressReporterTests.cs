using Appliance.Flash.Writing;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Flash.Tests.Writing;

public sealed class ProgressReporterTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly StringWriter _output = new();

    [Fact]
    public void PlainOutputPrintsOneLineEveryFiveSeconds()
    {
        var reporter = new ProgressReporter(_output, isTerminal: false, _time, "writing", 100_000_000);

        for (var second = 1; second <= 12; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            reporter.Report(second * 1_000_000);
        }

        Assert.Equal(
            ["writing:   5%  5.0 MB of 100.0 MB  1.0 MB/s  ETA 1:35", "writing:  10%  10.0 MB of 100.0 MB  1.0 MB/s  ETA 1:30"],
            _output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void TerminalOutputRedrawsOneLineAndEndsItOnCompletion()
    {
        var reporter = new ProgressReporter(_output, isTerminal: true, _time, "writing", 2_000_000);

        _time.Advance(TimeSpan.FromSeconds(1));
        reporter.Report(1_000_000);
        _time.Advance(TimeSpan.FromSeconds(1));
        reporter.Complete(2_000_000);

        var text = _output.ToString();
        Assert.StartsWith("\rwriting [############............]  50%", text, StringComparison.Ordinal);
        Assert.Contains("\rwriting [########################] 100%", text, StringComparison.Ordinal);
        Assert.EndsWith("ETA 0:00" + Environment.NewLine, text, StringComparison.Ordinal);
        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    public void Dispose() => _output.Dispose();
}
