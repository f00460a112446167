using Appliance.Telephony.DialPlan;

namespace Appliance.Telephony.Tests.DialPlan;

public sealed class InboundDialPlanTests
{
    private static readonly InboundDialPlan s_plan = new(
    [
        new("100", new DialPlanTarget(DialPlanTargetKind.Ivr, "main")),
        new("200", new DialPlanTarget(DialPlanTargetKind.Queue, "sales")),
    ]);

    [Fact]
    public void KnownDidRoutesToItsTarget()
    {
        var routed = s_plan.TryRoute("100", out var target);

        Assert.True(routed);
        Assert.Equal(new DialPlanTarget(DialPlanTargetKind.Ivr, "main"), target);
    }

    [Fact]
    public void DidsAreMatchedExactly()
    {
        Assert.False(s_plan.TryRoute("1000", out _));
        Assert.False(s_plan.TryRoute("10", out _));
        Assert.False(s_plan.TryRoute(string.Empty, out _));
    }
}
