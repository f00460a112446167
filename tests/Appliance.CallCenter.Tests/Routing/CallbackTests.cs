using Appliance.CallCenter.Queues;
using Appliance.CallCenter.Routing;

namespace Appliance.CallCenter.Tests.Routing;

public sealed class CallbackTests
{
    [Fact]
    public void ACallbackKeepsItsPlaceAndIsDialledWhenItReachesTheHead()
    {
        using var acd = AcdHarness.WithAgents("1001");
        acd.LogIn("1001");
        acd.Acd.Enqueue("c1", "sales");
        acd.Acd.Enqueue("c2", "sales");
        acd.Acd.Enqueue("c3", "sales");
        Assert.True(acd.Acd.KeepPlaceForCallback("c2", "5551234"));
        acd.ClearEvents();

        acd.AnswerAndEnd("c1", "1001");

        Assert.Equal(["callback c2 sales 5551234", "offer c3 1001"], acd.Events);
        Assert.Equal(2, acd.Acd.PositionOf("c3"));
    }

    [Fact]
    public void AConfirmedCallbackIsServedBeforeTheCallsThatCameAfterIt()
    {
        using var acd = AcdHarness.WithAgents("1001");
        acd.LogIn("1001");
        acd.Acd.Enqueue("c1", "sales");
        acd.Acd.Enqueue("c2", "sales");
        acd.Acd.KeepPlaceForCallback("c2", "5551234");
        acd.Acd.Enqueue("c3", "sales");
        Assert.True(acd.Acd.OfferAnswered("c1", "1001"));
        acd.ClearEvents();

        Assert.True(acd.Acd.CallbackAnswered("c2", "cb-1"));
        acd.Time.Advance(TimeSpan.FromSeconds(30));
        acd.Acd.CallEnded("c1", "1001");

        Assert.Equal(["offer cb-1 1001"], acd.Events);
        Assert.Equal(1, acd.Acd.PositionOf("cb-1"));
        Assert.Null(acd.Acd.PositionOf("c2"));
    }

    [Fact]
    public void ACallbackAtTheHeadIsDialledAtOnceAndNeverOfferedToAnAgent()
    {
        using var acd = AcdHarness.WithAgents("1001");
        acd.LogIn("1001");
        acd.Acd.SetNotReady("1001", null);
        acd.Acd.Enqueue("c1", "sales");

        Assert.True(acd.Acd.KeepPlaceForCallback("c1", "5551234"));
        acd.Acd.SetReady("1001");

        Assert.Equal(["callback c1 sales 5551234"], acd.Events);
        Assert.Equal(1, acd.Acd.Snapshot("sales").WaitingCalls);
    }

    [Fact]
    public void ARingingOfferIsWithdrawnWhenTheCallerLeavesForACallback()
    {
        using var acd = AcdHarness.WithAgents("1001");
        acd.LogIn("1001");
        acd.Acd.Enqueue("c1", "sales");
        acd.ClearEvents();

        acd.Acd.KeepPlaceForCallback("c1", "5551234");

        Assert.Equal(
            ["withdraw c1 1001 CallerLeftForCallback", "callback c1 sales 5551234"],
            acd.Events);
    }

    [Fact]
    public void AFailedCallbackIsDialledAgainAfterTheRetryDelay()
    {
        using var acd = AcdHarness.WithAgents("1001");
        acd.LogIn("1001");
        acd.Acd.SetNotReady("1001", null);
        acd.Acd.Enqueue("c1", "sales", CallRequirements.Normal);
        acd.Acd.KeepPlaceForCallback("c1", "5551234");
        acd.ClearEvents();

        acd.Acd.CallbackFailed("c1", TimeSpan.FromMinutes(2));
        acd.Time.Advance(TimeSpan.FromSeconds(119));
        var early = acd.Events.Count;
        acd.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(0, early);
        Assert.Equal(["callback c1 sales 5551234"], acd.Events);
    }

    [Fact]
    public void ACancelledCallbackLeavesItsQueueAndTheNextCallbackBecomesDue()
    {
        using var acd = AcdHarness.WithAgents("1001");
        acd.LogIn("1001");
        acd.Acd.SetNotReady("1001", null);
        acd.Acd.Enqueue("c1", "sales");
        acd.Acd.Enqueue("c2", "sales");
        acd.Acd.KeepPlaceForCallback("c1", "5550001");
        acd.Acd.KeepPlaceForCallback("c2", "5550002");
        acd.ClearEvents();

        acd.Acd.CancelCallback("c1");

        Assert.Equal(["callback c2 sales 5550002"], acd.Events);
        Assert.Equal(1, acd.Acd.PositionOf("c2"));
    }

    [Fact]
    public void RestoredCallbacksKeepTheOrderTheyAreRestoredIn()
    {
        using var acd = AcdHarness.WithAgents("1001");
        acd.LogIn("1001");
        acd.Acd.SetNotReady("1001", null);

        Assert.True(acd.Acd.RestoreCallback("old-1", "sales", "5550001", CallRequirements.Normal));
        Assert.True(acd.Acd.RestoreCallback("old-2", "sales", "5550002", CallRequirements.Normal));
        acd.Acd.Enqueue("c3", "sales");

        Assert.Equal(["callback old-1 sales 5550001"], acd.Events);
        Assert.Equal(2, acd.Acd.PositionOf("old-2"));
        Assert.Equal(3, acd.Acd.PositionOf("c3"));
        Assert.False(acd.Acd.RestoreCallback("old-3", "nowhere", "5550003", CallRequirements.Normal));
    }

    [Fact]
    public void ACallbackOverflowRuleOffersTheCallbackAndKeepsTheCallWaiting()
    {
        var sales = AcdHarness.Queue("sales") with
        {
            OverflowAfter = TimeSpan.FromSeconds(30),
            OverflowTo = new QueueExit(QueueExitKind.Callback, null),
        };
        using var acd = AcdHarness.With([sales], [AcdHarness.Agent("1001", "sales")]);
        acd.LogIn("1001");
        acd.Acd.SetNotReady("1001", null);
        acd.Acd.Enqueue("c1", "sales");

        acd.Time.Advance(TimeSpan.FromSeconds(30));

        Assert.Contains("overflow c1 sales WaitTime Callback", acd.Events);
        Assert.Equal(1, acd.Acd.PositionOf("c1"));
    }

    [Fact]
    public void ACallAlreadyACallbackCannotLeaveForAnotherOne()
    {
        using var acd = AcdHarness.WithAgents("1001");
        acd.LogIn("1001");
        acd.Acd.SetNotReady("1001", null);
        acd.Acd.Enqueue("c1", "sales");
        acd.Acd.KeepPlaceForCallback("c1", "5550001");

        var again = acd.Acd.KeepPlaceForCallback("c1", "5550002");

        Assert.False(again);
        Assert.False(acd.Acd.KeepPlaceForCallback("unknown", "5550002"));
    }
}
