using Appliance.Drivers.Cards;
using Appliance.Service.Board;
using Appliance.Telephony.Trunks;

namespace Appliance.Service.Tests.Board;

public sealed class PstnTrunkStatusSourceTests
{
    [Fact]
    public void SpansPortsAndModulesShowTheirAlarmOrTheirBusyChannels()
    {
        var snapshot = new TrunkStatusSnapshot(
            DateTimeOffset.UnixEpoch,
            [],
            [
                new TrunkPortStatus(0, "e1-0", PortKind.E1Pri, "e1", 30, 4, PortAlarms.None),
                new TrunkPortStatus(1, "e1-1", PortKind.E1Pri, "e1", 30, 0, PortAlarms.LossOfSignal),
                new TrunkPortStatus(2, "fxo-0", PortKind.Fxo, "fxo", 1, 0, PortAlarms.NoBattery),
                new TrunkPortStatus(3, "gsm-0", PortKind.Gsm, "gsm", 1, 1, PortAlarms.None),
            ],
            UpstreamReachable: true);
        var source = new PstnTrunkStatusSource(() => snapshot);

        var trunks = source.Trunks();

        Assert.Equal(
            [
                new("e1-0", "span", false, "up 4/30 busy"),
                new("e1-1", "span", true, "RED: no signal"),
                new("fxo-0", "port", true, "no line battery"),
                new("gsm-0", "module", false, "up 1/1 busy"),
            ],
            trunks);
    }
}
