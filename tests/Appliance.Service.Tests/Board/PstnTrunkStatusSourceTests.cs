using Appliance.Drivers.Cards;
using Appliance.Drivers.Gsm;
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

    [Fact]
    public void AModuleShowsItsOperatorAndSignalOrWhyItCannotCarryACall()
    {
        var up = new GsmStatus(GsmRegistration.Home, -73, "CHINA MOBILE", "867698040123456");
        var snapshot = new TrunkStatusSnapshot(
            DateTimeOffset.UnixEpoch,
            [],
            [
                Module("gsm-a", busy: 1, new GsmModuleState(true, true, up, 0)),
                Module("gsm-b", busy: 0, new GsmModuleState(true, false, up, 1)),
                Module("gsm-c", busy: 0, new GsmModuleState(true, true, up with
                {
                    Registration = GsmRegistration.Searching,
                }, 0)),
                Module("gsm-d", busy: 0, new GsmModuleState(false, true, up, 0)),
            ],
            UpstreamReachable: true);
        var source = new PstnTrunkStatusSource(() => snapshot);

        var trunks = source.Trunks();

        Assert.Equal(
            [
                new("gsm-a", "module", false, "CHINA MOBILE -73dBm busy"),
                new("gsm-b", "module", true, "not answering"),
                new("gsm-c", "module", true, "no network: Searching"),
                new("gsm-d", "module", true, "starting"),
            ],
            trunks);
    }

    private static TrunkPortStatus Module(string name, int busy, GsmModuleState state) =>
        new(100, name, PortKind.Gsm, "gsm", 1, busy, PortAlarms.None) { Module = state };
}
