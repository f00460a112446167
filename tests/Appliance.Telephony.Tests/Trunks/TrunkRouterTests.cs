using Appliance.Drivers.Cards;
using Appliance.Telephony.Trunks;

namespace Appliance.Telephony.Tests.Trunks;

public sealed class TrunkRouterTests
{
    private static readonly TrunkRouter s_router = new(
        [TrunkGroup.Pstn("e1", 0, 1), TrunkGroup.Pstn("gsm", 2), TrunkGroup.Sip("carrier", "carrier-1")],
        [new OutboundRoute("", ["e1", "gsm", "carrier"]), new OutboundRoute("1", ["gsm", "e1"])]);

    private static TrunkPortStatus Port(
        int port,
        PortKind kind,
        int busy = 0,
        PortAlarms alarms = PortAlarms.None) =>
        new(port, $"p{port}", kind, null, kind == PortKind.E1Pri ? 30 : 1, busy, alarms);

    [Fact]
    public void NumberGoesToTheFirstGroupOfItsRouteWhenItHasAFreeChannel()
    {
        TrunkPortStatus[] ports = [Port(0, PortKind.E1Pri), Port(1, PortKind.E1Pri), Port(2, PortKind.Gsm)];

        Assert.True(s_router.TryChoose("02087654321", ports, _ => true, out var choice, out _));

        Assert.Equal("e1", choice.Group.Name);
        Assert.Equal(0, choice.Port);
        Assert.Empty(choice.Skipped);
    }

    [Fact]
    public void GroupsThatFailedTheCallArePassedOverAndAModuleOutOfServiceCountsAsInAlarm()
    {
        var unregistered = new Drivers.Gsm.GsmStatus(Drivers.Gsm.GsmRegistration.Searching, null, "", "");
        TrunkPortStatus[] ports =
        [
            Port(0, PortKind.E1Pri),
            Port(1, PortKind.E1Pri),
            Port(2, PortKind.Gsm) with { Module = new GsmModuleState(true, true, unregistered, 0) },
        ];

        Assert.True(s_router.TryChoose(
            "02087654321", ports, _ => true, new HashSet<string> { "e1" }, out var choice, out _));

        Assert.Equal("carrier", choice.Group.Name);
        Assert.Null(choice.Port);
        Assert.Equal(["e1: failed the call", "gsm: every port in alarm"], choice.Skipped);
    }

    [Fact]
    public void SpansInAlarmAreSkippedForTheNextGroupAndTheReasonKept()
    {
        TrunkPortStatus[] ports =
        [
            Port(0, PortKind.E1Pri, alarms: PortAlarms.LossOfSignal),
            Port(1, PortKind.E1Pri, alarms: PortAlarms.AlarmIndication),
            Port(2, PortKind.Gsm),
        ];

        Assert.True(s_router.TryChoose("02087654321", ports, _ => true, out var choice, out _));

        Assert.Equal("gsm", choice.Group.Name);
        Assert.Equal(2, choice.Port);
        Assert.Equal(["e1: every port in alarm"], choice.Skipped);
    }

    [Fact]
    public void AFullSpanGivesWayToTheNextPortOfItsGroup()
    {
        TrunkPortStatus[] ports =
        [
            Port(0, PortKind.E1Pri, busy: 30), Port(1, PortKind.E1Pri, busy: 3), Port(2, PortKind.Gsm),
        ];

        Assert.True(s_router.TryChoose("0208", ports, _ => true, out var choice, out _));

        Assert.Equal(1, choice.Port);
    }

    [Fact]
    public void SipTrunkThatStoppedAnsweringOptionsIsSkipped()
    {
        TrunkPortStatus[] ports =
        [
            Port(0, PortKind.E1Pri, busy: 30), Port(1, PortKind.E1Pri, busy: 30), Port(2, PortKind.Gsm, busy: 1),
        ];

        bool found = s_router.TryChoose("0208", ports, _ => false, out _, out var skipped);

        Assert.False(found);
        Assert.Equal(
            ["e1: no free channel", "gsm: no free channel", "carrier: SIP trunk carrier-1 does not answer"],
            skipped);
    }

    [Fact]
    public void LongestPrefixPicksTheRoute()
    {
        TrunkPortStatus[] ports = [Port(0, PortKind.E1Pri), Port(1, PortKind.E1Pri), Port(2, PortKind.Gsm)];

        Assert.True(s_router.TryChoose("13800138000", ports, _ => true, out var choice, out _));

        Assert.Equal("gsm", choice.Group.Name);
    }

    [Fact]
    public void RouteNamingAMissingGroupIsRefusedAtConstruction()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new TrunkRouter([TrunkGroup.Pstn("e1", 0)], [new OutboundRoute("9", ["e1", "fxo"])]));

        Assert.Contains("'fxo'", error.Message, StringComparison.Ordinal);
    }
}
