using Appliance.CallCenter.Agents;
using Appliance.CallCenter.Figures;
using Appliance.CallCenter.Forecasting;
using Appliance.CallCenter.Tests.Routing;

namespace Appliance.CallCenter.Tests.Figures;

public sealed class CallCenterFiguresTests
{
    private static (AcdHarness Harness, CallCenterFigures Figures) Centre()
    {
        var queue = AcdHarness.Queue("q") with
        {
            ServiceLevelTarget = TimeSpan.FromSeconds(20),
            ShortAbandon = TimeSpan.FromSeconds(5),
        };
        var h = AcdHarness.With([queue], [AcdHarness.Agent("a1", "q")]);
        var figures = new CallCenterFigures([queue]);
        figures.Attach(h.Acd);
        return (h, figures);
    }

    [Fact]
    public void AnIntervalCountsOfferedAnsweredAbandonedServiceLevelAndWaits()
    {
        var (h, figures) = Centre();
        using var harness = h;
        var start = CallCenterFigures.IntervalOf(h.Time.GetUtcNow());
        h.LogIn("a1");
        h.Acd.Enqueue("fast", "q");
        h.Acd.OfferAnswered("fast", "a1");
        h.Acd.Enqueue("slow", "q");
        h.Acd.Enqueue("short", "q");
        h.Acd.Enqueue("gave-up", "q");
        h.Time.Advance(TimeSpan.FromSeconds(3));
        h.Acd.Abandon("short");
        h.Time.Advance(TimeSpan.FromSeconds(57));

        h.Acd.Abandon("gave-up");
        h.Acd.CallEnded("fast", "a1");
        h.Acd.OfferAnswered("slow", "a1");

        var interval = figures.Queue("q", start);
        Assert.Equal(4, interval.Offered);
        Assert.Equal(2, interval.Answered);
        Assert.Equal(2, interval.Abandoned);
        Assert.Equal(1, interval.ShortAbandoned);
        Assert.Equal(1, interval.AnsweredWithinTarget);
        Assert.Equal(1.0 / 3, interval.ServiceLevel, 6);
        Assert.Equal(TimeSpan.FromSeconds(30), interval.AverageSpeedOfAnswer);
        Assert.Equal(TimeSpan.FromSeconds(60), interval.LongestWait);
        Assert.Equal(TimeSpan.FromSeconds(60), interval.AverageHandleTime);
    }

    [Fact]
    public void AgentTimeInStateIsSplitAtTheIntervalBoundary()
    {
        var (h, figures) = Centre();
        using var harness = h;
        var start = CallCenterFigures.IntervalOf(h.Time.GetUtcNow());
        h.Time.Advance(CallCenterFigures.IntervalLength - TimeSpan.FromMinutes(5));
        h.LogIn("a1");
        h.Time.Advance(TimeSpan.FromMinutes(1));
        h.Acd.Enqueue("c1", "q");
        h.Acd.OfferAnswered("c1", "a1");

        h.Time.Advance(TimeSpan.FromMinutes(10));
        var first = figures.Agent("a1", start, h.Time.GetUtcNow());
        var second = figures.Agent("a1", start + CallCenterFigures.IntervalLength, h.Time.GetUtcNow());

        // Logged in 5 min before the boundary (the harness adds 1 s), answered 61 s later.
        Assert.Equal(TimeSpan.FromSeconds(61), first.TimeIn(AgentState.Idle));
        Assert.Equal(TimeSpan.FromSeconds(239), first.TimeIn(AgentState.Busy));
        Assert.Equal(TimeSpan.FromSeconds(361), second.TimeIn(AgentState.Busy));
        Assert.Equal(1, second.Occupancy, 6);
        Assert.Equal(1, first.CallsAnswered);
    }

    [Fact]
    public void ClosedIntervalsAreHandedOverOnceAndTheOpenOneStays()
    {
        var (h, figures) = Centre();
        using var harness = h;
        h.LogIn("a1");
        h.Acd.Enqueue("c1", "q");
        h.Acd.OfferAnswered("c1", "a1");
        h.Time.Advance(CallCenterFigures.IntervalLength * 2);

        var closed = figures.TakeClosed(h.Time.GetUtcNow());
        var again = figures.TakeClosed(h.Time.GetUtcNow());

        Assert.Single(closed.Queues);
        Assert.Equal(1, closed.Queues[0].Offered);
        Assert.Equal(2, closed.Agents.Count);
        Assert.Empty(again.Queues);
    }

    [Fact]
    public void TheForecastAveragesTheSameIntervalOfTheWeekAndSizesItWithErlang()
    {
        var queue = AcdHarness.Queue("q") with { ServiceLevelTarget = TimeSpan.FromSeconds(20), ServiceLevelGoal = 0.8 };
        var monday = new DateTimeOffset(2026, 11, 16, 9, 0, 0, TimeSpan.Zero);
        var history = new[]
        {
            Interval(monday, offered: 40, abandoned: 2),
            Interval(monday.AddDays(7), offered: 60, abandoned: 4),
        };

        var forecast = StaffingForecast.Forecast(history, queue, monday.AddDays(14), days: 1);

        var nine = forecast[0];
        Assert.Equal(96, forecast.Count);
        Assert.Equal(50, nine.OfferedCalls);
        Assert.Equal(TimeSpan.FromSeconds(180), nine.HandleTime);
        Assert.Equal(ErlangC.AgentsNeeded(10, TimeSpan.FromSeconds(180), TimeSpan.FromSeconds(20), 0.8), nine.AgentsErlangC);
        Assert.NotNull(nine.Patience);
        Assert.InRange(nine.AgentsErlangA, 1, nine.AgentsErlangC);
        Assert.Equal(0, forecast[4].OfferedCalls);
        Assert.Equal(0, forecast[4].AgentsErlangC);
    }

    private static QueueInterval Interval(DateTimeOffset start, int offered, int abandoned)
    {
        var (h, figures) = Centre();
        using var harness = h;
        h.Time.SetUtcNow(start);
        h.LogIn("a1");
        for (var i = 0; i < offered; i++)
        {
            h.Acd.Enqueue($"c{i}", "q");
        }

        h.Time.Advance(TimeSpan.FromSeconds(10));
        for (var i = 0; i < abandoned; i++)
        {
            h.Acd.Abandon($"c{offered - 1 - i}");
        }

        h.Acd.OfferAnswered("c0", "a1");
        h.Time.Advance(TimeSpan.FromSeconds(180));
        h.Acd.CallEnded("c0", "a1");
        return figures.Queue("q", start);
    }
}
