using Appliance.CallCenter.Routing;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.CallCenter.Tests.Routing;

public sealed class WaitAnnouncementTests
{
    [Fact]
    public void ThePositionAndTheWaitRoundedUpToWholeMinutesAreSaid()
    {
        var prompts = WaitAnnouncement.Prompts(3, TimeSpan.FromSeconds(95));

        Assert.Equal(
            ["queue-position", "number-3", "queue-place", "queue-wait", "count-2", "queue-minutes"],
            prompts);
    }

    [Fact]
    public void TwoAsAQuantityHasItsOwnPromptAndTwoAsARankDoesNot()
    {
        var second = WaitAnnouncement.Prompts(2, TimeSpan.FromSeconds(150));

        // Chinese says 第二 for the rank and 三分钟 but 两分钟 for the quantity.
        Assert.Equal(
            ["queue-position", "number-2", "queue-place", "queue-wait", "number-3", "queue-minutes"],
            second);
        Assert.Equal("count-2", WaitAnnouncement.Prompts(5, TimeSpan.FromSeconds(100))[4]);
    }

    [Fact]
    public void AWaitOfOneMinuteIsSaidInTheSingular()
    {
        var prompts = WaitAnnouncement.Prompts(1, TimeSpan.FromMinutes(1));

        Assert.Equal(["queue-position", "number-1", "queue-place", "queue-wait", "number-1", "queue-minute"], prompts);
    }

    [Fact]
    public void AWaitUnderAMinuteIsSaidAsLessThanAMinuteAndAnUnknownOneNotAtAll()
    {
        var shortWait = WaitAnnouncement.Prompts(1, TimeSpan.FromSeconds(40));
        var unknown = WaitAnnouncement.Prompts(1, expectedWait: null);

        Assert.Equal(["queue-position", "number-1", "queue-place", "queue-wait-short"], shortWait);
        Assert.Equal(["queue-position", "number-1", "queue-place"], unknown);
    }

    [Fact]
    public void NumbersPastTheLargestPromptAreLeftOut()
    {
        var prompts = WaitAnnouncement.Prompts(21, TimeSpan.FromMinutes(45));

        Assert.Empty(prompts);
        Assert.Contains("number-20", WaitAnnouncement.PromptNames);
        Assert.Contains("count-2", WaitAnnouncement.PromptNames);
    }

    [Fact]
    public void ExpectedWaitIsThePositionOverTheAnswersOfTheLastWindow()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-03T10:00:00Z", null));
        var meter = new ServiceRateMeter(time, TimeSpan.FromMinutes(10));
        Answer(meter, time, "sales");
        var afterOne = meter.ExpectedWait("sales", 1);
        time.Advance(TimeSpan.FromMinutes(1));
        Answer(meter, time, "sales");
        Answer(meter, time, "support");
        time.Advance(TimeSpan.FromMinutes(1));
        Answer(meter, time, "sales");
        Answer(meter, time, "sales");

        var third = meter.ExpectedWait("sales", 3);
        time.Advance(TimeSpan.FromMinutes(10.5));
        var stale = meter.ExpectedWait("sales", 3);

        Assert.Null(afterOne);
        // Four answers in ten minutes: one every 2.5 minutes, so the third in line waits 7.5.
        Assert.Equal(TimeSpan.FromMinutes(7.5), third);
        Assert.Null(stale);
        Assert.Null(meter.ExpectedWait("support", 1));
    }

    private static void Answer(ServiceRateMeter meter, FakeTimeProvider time, string queue) =>
        meter.Observe(new AcdCallEvent(
            AcdCallEventKind.Answered, Guid.NewGuid().ToString(), queue, "1001", time.GetUtcNow(), TimeSpan.Zero));
}
