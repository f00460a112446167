using Appliance.Drivers.Cards;
using Appliance.Telephony.Trunks;

namespace Appliance.Telephony.Tests.Trunks;

public sealed class TrunkPlanTests
{
    private static readonly CardPort[] s_ports =
    [
        Port(0, "e1-0", PortKind.E1Pri, 30),
        Port(1, "e1-1", PortKind.E1Pri, 30),
        Port(2, "fxo-0", PortKind.Fxo, 1),
        Port(3, "gsm-0", PortKind.Gsm, 1),
        Port(4, "gsm-1", PortKind.Gsm, 1),
    ];

    [Fact]
    public void WithoutConfigurationEachPortKindIsOneGroupTriedE1ThenFxoThenGsm()
    {
        var router = TrunkPlan.Build("", "", s_ports);

        Assert.True(router.TryChoose("13900139000", Status(), _ => true, out var choice, out _));
        Assert.Equal(["e1", "fxo", "gsm"], router.Groups.Select(g => g.Name).Order());
        Assert.Equal("e1", choice.Group.Name);
        Assert.Equal([3, 4], router.GroupOfPort(4)!.Ports);
    }

    [Fact]
    public void ConfiguredRoutesFailOverInTheirOrderPastAGroupInAlarm()
    {
        var router = TrunkPlan.Build(
            "carrier=e1-0,e1-1; mobile=gsm-0,gsm-1; line=fxo-0",
            "00=carrier,line; 1=carrier,mobile,line; =line",
            s_ports);
        var e1Down = Status(alarmed: [0, 1]);

        Assert.True(router.TryChoose("13900139000", e1Down, _ => true, out var mobile, out _));
        Assert.True(router.TryChoose("0044123", e1Down, _ => true, out var line, out _));
        Assert.True(router.TryChoose("55501", Status(), _ => true, out var local, out _));

        Assert.Equal("mobile", mobile.Group.Name);
        Assert.Equal(["carrier: every port in alarm"], mobile.Skipped);
        Assert.Equal("line", line.Group.Name);
        Assert.Equal("line", local.Group.Name);
    }

    [Fact]
    public void AModuleNamingItsGroupJoinsItOrMakesItAndLeavesTheDefaultGsmGroup()
    {
        var ports = s_ports.Append(Port(100, "mobile-0", PortKind.Gsm, 1)).ToArray();
        var groups = new Dictionary<string, string> { ["mobile-0"] = "backup" };

        var byDefault = TrunkPlan.Build("", "", ports, groups);
        var joined = TrunkPlan.Build("carrier=e1-0; backup=gsm-0", "", ports, groups);

        Assert.Equal([3, 4], byDefault.Groups.Single(g => g.Name == "gsm").Ports);
        Assert.Equal([100], byDefault.Groups.Single(g => g.Name == "backup").Ports);
        Assert.Equal([3, 100], joined.Groups.Single(g => g.Name == "backup").Ports);
        Assert.Equal("backup", joined.GroupOfPort(100)!.Name);
    }

    [Fact]
    public void AModuleNamedInPstnGroupsAndInItsOwnGroupIsRefused()
    {
        var ports = s_ports.Append(Port(100, "mobile-0", PortKind.Gsm, 1)).ToArray();
        var groups = new Dictionary<string, string> { ["mobile-0"] = "backup" };

        var error = Assert.Throws<FormatException>(() => TrunkPlan.Build("mobile=mobile-0", "", ports, groups));

        Assert.Contains("Port 'mobile-0' is in trunk groups 'mobile' and 'backup'", error.Message,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a=e1-9", "", "port 'e1-9', which the card does not have")]
    [InlineData("a=e1-0; b=e1-0", "", "Port 'e1-0' is in trunk groups 'a' and 'b'")]
    [InlineData("a=e1-0; a=e1-1", "", "Trunk group 'a' is unnamed or given twice")]
    [InlineData("a", "", "Trunk group 'a' is not name=member,member")]
    [InlineData("a=e1-0", "9=a,b", "names trunk group 'b', which does not exist")]
    [InlineData("a=e1-0", "9x=a", "Route prefix '9x' is not dial characters")]
    [InlineData("a=e1-0", "9=a; 9=a", "Route prefix '9' is given twice")]
    public void AMistakeIsRefusedWithWhatIsWrong(string groups, string routes, string expected)
    {
        var error = Assert.Throws<FormatException>(() => TrunkPlan.Build(groups, routes, s_ports));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryMistakeOfGroupsAndRoutesIsGivenWithTheLineItIsIn()
    {
        var router = TrunkPlan.TryBuild("a=e1-9; b=e1-0; b=e1-1", "9x=a; 8=b", s_ports, out var problems);

        Assert.Null(router);
        Assert.Equal(
            [TrunkPlanSetting.Groups, TrunkPlanSetting.Groups, TrunkPlanSetting.Routes],
            problems.Select(p => p.Setting));
        Assert.Contains("port 'e1-9', which the card does not have", problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("Trunk group 'b' is unnamed or given twice", problems[1].Message, StringComparison.Ordinal);
        Assert.Contains("Route prefix '9x' is not dial characters", problems[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARouteToAMissingGroupNamesTheGroupsThereAreAndNoParameter()
    {
        var router = TrunkPlan.TryBuild("", "9=nowhere", s_ports, out var problems);

        Assert.Null(router);
        var problem = Assert.Single(problems);
        Assert.Equal(TrunkPlanSetting.Routes, problem.Setting);
        Assert.Equal(
            "Outbound route '9' names trunk group 'nowhere', which does not exist (the groups are e1, fxo, gsm).",
            problem.Message);
    }

    private static CardPort Port(int number, string name, PortKind kind, int channels) =>
        new(number, name, kind, channels, CompandingLaw.ALaw, PortAlarms.None, 0);

    private static List<TrunkPortStatus> Status(params int[] alarmed) =>
        [.. s_ports.Select(p => new TrunkPortStatus(
            p.Port,
            p.Name,
            p.Kind,
            null,
            p.Channels,
            0,
            alarmed.Contains(p.Port) ? PortAlarms.LossOfSignal : PortAlarms.None))];
}
