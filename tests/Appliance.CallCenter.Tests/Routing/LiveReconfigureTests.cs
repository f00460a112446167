using Appliance.CallCenter.Queues;
using Appliance.CallCenter.Routing;

namespace Appliance.CallCenter.Tests.Routing;

public sealed class LiveReconfigureTests
{
    private static readonly TimeSpan s_longerRing = TimeSpan.FromSeconds(30);

    [Fact]
    public void AReconfigureUnderABridgedCallKeepsItAndTheNextOfferRingsForTheNewTimeout()
    {
        using var h = AcdHarness.WithAgents("1001").LogIn("1001");
        h.Acd.Enqueue("c1", "sales");
        Assert.True(h.Acd.OfferAnswered("c1", "1001"));

        h.Acd.Reconfigure(
            [
                new QueueDefinition("sales", QueueStrategy.LongestIdle, s_longerRing, "hold"),
                AcdHarness.Queue("support"),
            ],
            [AcdHarness.Agent("1001", "sales", "support")],
            []);
        h.Acd.CallEnded("c1", "1001");
        h.ClearEvents();
        h.Acd.Enqueue("c2", "sales");
        h.Time.Advance(AcdHarness.RingTimeout);
        var afterOldTimeout = h.Events;
        h.Time.Advance(s_longerRing - AcdHarness.RingTimeout);

        Assert.Equal(["offer c2 1001"], afterOldTimeout);
        Assert.Equal(["offer c2 1001", "withdraw c2 1001 RingNoAnswer"], h.Events.Take(2));
    }

    [Fact]
    public void AReconfigureThatRemovesAQueueHoldingACallIsRefusedAndChangesNothing()
    {
        using var h = AcdHarness.WithAgents("1001").LogIn("1001");
        h.Acd.Enqueue("c1", "sales");

        var refused = Assert.Throws<InvalidOperationException>(() => h.Acd.Reconfigure(
            [AcdHarness.Queue("support")],
            [AcdHarness.Agent("1001", "support")],
            []));

        Assert.Contains("'sales'", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, h.Acd.Snapshot("sales").WaitingCalls);
        Assert.True(h.Acd.OfferAnswered("c1", "1001"));
    }

    [Fact]
    public void AMemberAddedLiveIsOfferedTheCallAlreadyWaiting()
    {
        using var h = AcdHarness.WithAgents(
            AcdHarness.Agent("1001", "sales"),
            AcdHarness.Agent("1002", "support")).LogIn("1001", "1002");
        h.Acd.Enqueue("c0", "sales");
        Assert.True(h.Acd.OfferAnswered("c0", "1001"));
        h.Acd.Enqueue("c1", "sales");
        h.ClearEvents();

        h.Acd.Reconfigure(
            [AcdHarness.Queue("sales"), AcdHarness.Queue("support")],
            [AcdHarness.Agent("1001", "sales"), AcdHarness.Agent("1002", "support", "sales")],
            []);

        Assert.Equal(["offer c1 1002"], h.Events);
    }

    [Fact]
    public void AnOverflowRuleRemovedLiveLeavesTheCallThatJoinedUnderItWaiting()
    {
        var overflowing = AcdHarness.Queue("sales") with
        {
            OverflowAfter = TimeSpan.FromSeconds(10),
            OverflowTo = QueueExit.ToQueue("support"),
        };
        using var h = AcdHarness.With(
            [overflowing, AcdHarness.Queue("support")],
            [AcdHarness.Agent("1001", "sales")]).LogIn("1001");
        h.Acd.Enqueue("c0", "sales");
        Assert.True(h.Acd.OfferAnswered("c0", "1001"));
        h.Acd.Enqueue("c1", "sales");

        h.Acd.Reconfigure(
            [AcdHarness.Queue("sales"), AcdHarness.Queue("support")],
            [AcdHarness.Agent("1001", "sales")],
            []);
        h.Time.Advance(TimeSpan.FromSeconds(11));

        Assert.DoesNotContain(h.Events, e => e.StartsWith("overflow", StringComparison.Ordinal));
        Assert.Equal(1, h.Acd.Snapshot("sales").WaitingCalls);
    }
}
