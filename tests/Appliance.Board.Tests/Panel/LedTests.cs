using Appliance.Board.Panel;
using Appliance.Board.Profiles;

namespace Appliance.Board.Tests.Panel;

[Trait("Category", "Integration")]
public sealed class LedTests : IDisposable
{
    private readonly PanelBench _bench = new();

    public void Dispose() => _bench.Dispose();

    [Fact]
    public void CallsLedFollowsActiveCalls()
    {
        _bench.Panel.Step();
        var idle = _bench.Led("calls");

        _bench.Status = _bench.Status with { ActiveCalls = 1 };
        _bench.Wait(TimeSpan.FromSeconds(1));
        var busy = _bench.Led("calls");
        _bench.Status = _bench.Status with { ActiveCalls = 0 };
        _bench.Wait(TimeSpan.FromSeconds(1));

        Assert.False(idle);
        Assert.True(busy);
        Assert.False(_bench.Led("calls"));
    }

    [Fact]
    public void AlarmLedIsLitWhileAnyTrunkIsInAlarm()
    {
        _bench.Status = _bench.Status with { Trunks = [new TrunkStatus("span1", "span", true, "RED alarm")] };
        _bench.Panel.Step();
        var alarmed = _bench.Led("alarm");

        _bench.Status = _bench.Status with { Trunks = [new TrunkStatus("span1", "span", false, "up")] };
        _bench.Wait(TimeSpan.FromSeconds(1));

        Assert.True(alarmed);
        Assert.False(_bench.Led("alarm"));
    }

    [Fact]
    public void RunLedBlinksWhileHealthyAndStaysLitWhenNot()
    {
        _bench.Panel.Step();
        var blink = new List<bool>();
        for (var i = 0; i < 4; i++)
        {
            _bench.Wait(TimeSpan.FromMilliseconds(500));
            blink.Add(_bench.Led("run"));
        }

        _bench.Status = _bench.Status with { Healthy = false };
        _bench.Wait(TimeSpan.FromSeconds(1));
        var steady = new List<bool>();
        for (var i = 0; i < 4; i++)
        {
            _bench.Wait(TimeSpan.FromMilliseconds(500));
            steady.Add(_bench.Led("run"));
        }

        Assert.Equal(2, blink.Count(lit => lit));
        Assert.All(steady, Assert.True);
    }

    [Fact]
    public void NetworkLedIsLitWithAnAddress()
    {
        _bench.Panel.Step();
        var up = _bench.Led("network");

        _bench.Status = _bench.Status with { Addresses = [] };
        _bench.Wait(TimeSpan.FromSeconds(1));

        Assert.True(up);
        Assert.False(_bench.Led("network"));
    }

    [Fact]
    public void ABoxWithoutAPanelStillReportsItsLedsAndScreen()
    {
        using var panel = FrontPanel.Open(_bench.Options with { Profile = BoardProfiles.Find("generic-x64") });
        _bench.Status = _bench.Status with { ActiveCalls = 2 };

        panel.Step();

        Assert.Equal(["alarm", "calls", "network", "run"], panel.Leds.Keys.Order().ToArray());
        Assert.True(panel.Leds["calls"]);
        Assert.Equal("Calls 2 Wait 0      ", panel.Lines[3]);
    }
}
