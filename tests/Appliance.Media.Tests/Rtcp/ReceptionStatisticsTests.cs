using Appliance.Media.Rtcp;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Media.Tests.Rtcp;

public sealed class ReceptionStatisticsTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void SteadyStreamHasNoLossAndNoJitter()
    {
        var statistics = new ReceptionStatistics(8000, _time);

        Feed(statistics, 100, sequence: 1, skip: _ => false, offsetMs: _ => 0);
        var report = statistics.TakeReport();

        Assert.Equal(0, report.CumulativeLost);
        Assert.Equal(0, report.FractionLost);
        Assert.Equal(0u, report.Jitter);
        Assert.Equal(100u, report.ExtendedHighestSequence);
    }

    [Fact]
    public void EveryTenthPacketMissingIsTenPercentLoss()
    {
        var statistics = new ReceptionStatistics(8000, _time);

        Feed(statistics, 200, sequence: 7, skip: n => n % 10 == 5, offsetMs: _ => 0);
        var report = statistics.TakeReport();
        var summary = statistics.Summary();

        Assert.Equal(20, report.CumulativeLost);
        Assert.Equal(25, report.FractionLost);
        Assert.Equal(10, summary.LossPercent, precision: 6);
    }

    [Fact]
    public void SequenceWrapCountsACycleNotALoss()
    {
        var statistics = new ReceptionStatistics(8000, _time);

        Feed(statistics, 100, sequence: 65500, skip: _ => false, offsetMs: _ => 0);
        var report = statistics.TakeReport();

        Assert.Equal(0, report.CumulativeLost);
        Assert.Equal(65536u + 63, report.ExtendedHighestSequence);
    }

    [Fact]
    public void FractionLostIsOfTheIntervalSinceTheLastReport()
    {
        var statistics = new ReceptionStatistics(8000, _time);
        Feed(statistics, 100, sequence: 1, skip: n => n < 50 && n % 2 == 1, offsetMs: _ => 0);
        statistics.TakeReport();

        Feed(statistics, 100, sequence: 101, skip: _ => false, offsetMs: _ => 0);
        var second = statistics.TakeReport();

        Assert.Equal(0, second.FractionLost);
        Assert.Equal(25, second.CumulativeLost);
    }

    [Fact]
    public void AlternatingArrivalDelayGivesTheJitterOfRfc3550AppendixA8()
    {
        // Each transit differs from the last by 10 ms (80 units); J converges to 80.
        var statistics = new ReceptionStatistics(8000, _time);

        Feed(statistics, 400, sequence: 1, skip: _ => false, offsetMs: n => n % 2 == 0 ? 10 : 0);
        var report = statistics.TakeReport();

        Assert.InRange(report.Jitter, 78u, 80u);
        Assert.Equal(10, statistics.Summary().Jitter.TotalMilliseconds, precision: 0);
    }

    [Fact]
    public void NewSourceKeepsTheLossOfTheOldOneInTheCallSummary()
    {
        var statistics = new ReceptionStatistics(8000, _time);
        Feed(statistics, 100, sequence: 1, skip: n => n % 4 == 0 && n > 0, offsetMs: _ => 0);

        Feed(statistics, 100, sequence: 30000, skip: _ => false, offsetMs: _ => 0, ssrc: 99);
        var summary = statistics.Summary();

        Assert.Equal(99u, statistics.Ssrc);
        Assert.Equal(24 * 100.0 / 200, summary.LossPercent, precision: 6);
    }

    private void Feed(
        ReceptionStatistics statistics,
        int count,
        ushort sequence,
        Func<int, bool> skip,
        Func<int, int> offsetMs,
        uint ssrc = 42)
    {
        for (var n = 0; n < count; n++)
        {
            var offset = TimeSpan.FromMilliseconds(offsetMs(n));
            _time.Advance(offset);
            if (!skip(n))
            {
                statistics.Note(ssrc, (ushort)(sequence + n), (uint)(n * 160));
            }

            _time.Advance(TimeSpan.FromMilliseconds(20) - offset);
        }
    }
}
