using Appliance.Sip.Resolution;

namespace Appliance.Sip.Tests.Resolution;

public sealed class SrvOrderTests
{
    private static readonly (string Name, ushort Priority, ushort Weight)[] s_records =
    [
        ("backup", 20, 0),
        ("light", 10, 10),
        ("heavy", 10, 90),
    ];

    [Fact]
    public void LowerPriorityComesFirstWhateverTheWeights()
    {
        var random = new Random(7);

        var orders = Enumerable.Range(0, 200).Select(_ => Arrange(random)).ToList();

        Assert.All(orders, order => Assert.Equal("backup", order[^1]));
        Assert.All(orders, order => Assert.Equal(3, order.Distinct().Count()));
    }

    [Fact]
    public void WithinOnePriorityTheFirstIsDrawnInProportionToWeight()
    {
        var random = new Random(11);

        var heavyFirst = Enumerable.Range(0, 2000).Count(_ => Arrange(random)[0] == "heavy");

        // RFC 2782: weight 90 against 10 is chosen first about 90% of the time (binomial, n = 2000).
        Assert.InRange(heavyFirst, 1700, 1900);
    }

    [Fact]
    public void ZeroWeightsAloneStillGiveEveryRecordATurnFirst()
    {
        var random = new Random(3);
        (string Name, ushort Priority, ushort Weight)[] records = [("a", 1, 0), ("b", 1, 0)];

        var firsts = Enumerable.Range(0, 400)
            .Select(_ => SrvOrder.Arrange(records, r => r.Priority, r => r.Weight, random)[0].Name)
            .ToHashSet();

        Assert.Equal(["a", "b"], firsts.Order());
    }

    private static List<string> Arrange(Random random) =>
        [.. SrvOrder.Arrange(s_records, r => r.Priority, r => r.Weight, random).Select(r => r.Name)];
}
