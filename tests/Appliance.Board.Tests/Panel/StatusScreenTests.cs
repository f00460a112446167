using Appliance.Board.Panel;

namespace Appliance.Board.Tests.Panel;

[Trait("Category", "Integration")]
public sealed class StatusScreenTests : IDisposable
{
    private readonly PanelBench _bench = new();

    public void Dispose() => _bench.Dispose();

    [Fact]
    public void FirstScreenShowsHostNameAddressAndCallsOnTheEmulatedLcd()
    {
        _bench.Status = _bench.Status with { ActiveCalls = 2, WaitingCalls = 1 };

        _bench.Panel.Step();

        Assert.Equal(
            ["SparkleCC running   ", "cc-front-1          ", "192.168.1.20        ", "Calls 2 Wait 1      "],
            _bench.Lines);
    }

    [Fact]
    public void ScreensRotateToTheCallCenterFiguresAndTheTrunks()
    {
        _bench.Status = _bench.Status with
        {
            ActiveCalls = 4,
            AgentsReady = 2,
            WaitingCalls = 3,
            Trunks =
            [
                new TrunkStatus("span1", "span", false, "up 30/30"),
                new TrunkStatus("gsm1", "module", false, "-71 dBm"),
            ],
        };
        _bench.Panel.Step();

        _bench.Wait(TimeSpan.FromSeconds(5));
        var figures = _bench.Screen;
        _bench.Wait(TimeSpan.FromSeconds(5));
        var trunks = _bench.Screen;

        Assert.Equal("Call center|Active calls     4|Agents ready     2|Waiting calls    3", figures);
        Assert.Equal("Trunks 1/1|span1 up 30/30|gsm1 -71 dBm|", trunks);
    }

    [Fact]
    public void AlarmsComeBeforeEverythingElse()
    {
        _bench.Status = _bench.Status with
        {
            Trunks =
            [
                new TrunkStatus("span1", "span", true, "RED alarm"),
                new TrunkStatus("span2", "span", false, "up"),
            ],
        };

        _bench.Panel.Step();

        Assert.Equal("ALARM 1/1|span1 RED alarm||", _bench.Screen);
    }

    [Fact]
    public void FiguresUpdateLiveWithoutWaitingForTheNextRotation()
    {
        _bench.Panel.Step();
        _bench.Status = _bench.Status with { ActiveCalls = 7 };

        _bench.Wait(TimeSpan.FromSeconds(1));

        Assert.Equal("Calls 7 Wait 0      ", _bench.Lines[3]);
    }

    [Fact]
    public void WithoutTrunksTheTrunkScreenSaysSo()
    {
        _bench.Panel.Step();

        _bench.Tap(PanelButton.Down, times: 2);

        Assert.Equal("Trunks|none configured||", _bench.Screen);
    }

    [Fact]
    public void AFailingStatusSourceLeavesTheLastScreenShown()
    {
        _bench.Status = _bench.Status with { ActiveCalls = 5 };
        _bench.Panel.Step();

        _bench.FailStatus = true;
        _bench.Wait(TimeSpan.FromSeconds(2));

        Assert.Equal("Calls 5 Wait 0      ", _bench.Lines[3]);
    }
}
