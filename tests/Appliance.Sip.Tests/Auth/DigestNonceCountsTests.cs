using Appliance.Sip.Auth;

namespace Appliance.Sip.Tests.Auth;

public sealed class DigestNonceCountsTests
{
    private static readonly DateTimeOffset s_now = new(2025, 1, 6, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void EntryIsDroppedWhenItsNonceLifeEnds()
    {
        var counts = new DigestNonceCounts(capacity: 10);
        counts.TryAdvance("a", 1, s_now.AddMinutes(5), s_now);

        counts.TryAdvance("b", 1, s_now.AddMinutes(11), s_now.AddMinutes(6));

        Assert.Equal(1, counts.Count);
    }

    [Fact]
    public void OverflowDropsTheOldestNonceAndRefusesNoncesNoNewerThanIt()
    {
        var counts = new DigestNonceCounts(capacity: 2);
        counts.TryAdvance("old", 1, s_now.AddMinutes(1), s_now);
        counts.TryAdvance("mid", 1, s_now.AddMinutes(2), s_now);

        var newest = counts.TryAdvance("new", 1, s_now.AddMinutes(3), s_now);
        var replayOfDropped = counts.TryAdvance("old", 2, s_now.AddMinutes(1), s_now);
        var unseenButOlder = counts.TryAdvance("older", 1, s_now.AddSeconds(30), s_now);

        Assert.True(newest);
        Assert.False(replayOfDropped);
        Assert.False(unseenButOlder);
        Assert.Equal(2, counts.Count);
    }

    [Fact]
    public void TableNeverHoldsMoreThanItsCapacity()
    {
        var counts = new DigestNonceCounts(capacity: 100);

        for (var i = 0; i < 1000; i++)
        {
            counts.TryAdvance("n" + i, 1, s_now.AddSeconds(300 + i), s_now);
        }

        Assert.Equal(100, counts.Count);
    }
}
