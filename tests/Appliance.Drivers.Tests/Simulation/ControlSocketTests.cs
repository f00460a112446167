using Appliance.Drivers.Cards;
using Appliance.Drivers.Simulation;
using Appliance.Drivers.Tests.Support;
using Serilog.Core;

namespace Appliance.Drivers.Tests.Simulation;

/// <summary>
/// The simulated card's control socket and card URI as a technician meets them: a bad command is
/// refused with a reason naming the argument and changes nothing, and a bad URI names its option.
/// Card layout of these tests: port 0 e1-0 (PRI), 1 fxo-0, 2 gsm-0.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ControlSocketTests
{
    [Fact]
    public async Task AnUnknownAlarmNameIsRefusedAndTheAlarmsRaisedBeforeStay()
    {
        await using var sim = await SimulatedCard.StartAsync();
        await sim.CommandAsync("alarm 1 NOBATTERY");

        var refused = await sim.CommandAsync("alarm 1 FOO");

        Assert.False(refused.Ok);
        Assert.Equal(
            "unknown alarm 'FOO' (LOS, AIS, RAI, NOBATTERY, joined by commas, or none)",
            refused.Text);
        Assert.Equal(PortAlarms.NoBattery, sim.Card.Port(1).Alarms);
    }

    [Theory]
    [InlineData("call 2 1 100 channel=abc", "channel= 'abc' is not a whole number")]
    [InlineData("call 2 1 100 ton=999", "ton= 999 is out of range (0-7)")]
    [InlineData("call 2 1 100 pres=foo", "pres= 'foo' is not allowed, restricted or unavailable")]
    [InlineData("call 2 1 100 plan=5x", "plan= '5x' is not a whole number")]
    [InlineData(
        "call 2 1 100 colour=red",
        "unknown option 'colour=red' (call takes channel=, ton=, plan=, pres=, cid=, ring=, pause=, "
            + "category=)")]
    [InlineData("call 2 1 100 cid=v23", "cid= needs an FXO line; port 2 (gsm-0) is a GSM slot")]
    [InlineData("call 1 1 0 cid=fsk", "cid= 'fsk' is not bell202, v23, dtmf or none")]
    [InlineData("call 1 1 0 ring=5", "ring= 5 is out of range (20-10000)")]
    [InlineData("call 1 1 0 pause=-1", "pause= -1 is out of range (0-10000)")]
    [InlineData("call 2 1x 100", "calling number '1x' holds 'x' (digits, * and #, a leading + at most)")]
    [InlineData("digits 2 1 5", "channel 1 of port 2 is idle; digits need a call")]
    [InlineData("tone 1 1 -5", "hz -5 is out of range (0-3999)")]
    [InlineData(
        "tone 1 1 440 350",
        "tone needs both <on_ms> and <off_ms> for a cadence, or neither for a steady tone")]
    [InlineData("tone 1 9 450 350 350", "channel 9 is not a channel of port 1 (fxo-0 has channel 1 only)")]
    [InlineData("refuse 0 17", "refuse needs an R2 span; port 0 (e1-0) is a PRI span")]
    [InlineData("state 7 1", "no port 7 (the card has 3 ports: 0 e1-0, 1 fxo-0, 2 gsm-0)")]
    [InlineData("state 5x 1", "port '5x' is not a whole number")]
    [InlineData("answer 0 99", "channel 99 is not a B channel of port 0 (e1-0 has channels 1-30)")]
    [InlineData("digits 2 1", "digits needs <port> <channel> <digits>")]
    [InlineData("hangup 2 1 16 17", "hangup takes only <port> <channel> [cause 1-127], not 4 arguments")]
    [InlineData("bogus 1 2", "unknown command 'bogus' (help lists the commands)")]
    public async Task ABadCommandIsRefusedNamingWhatIsWrongAndNoCallIsOffered(string command, string reason)
    {
        await using var sim = await SimulatedCard.StartAsync();

        var refused = await sim.CommandAsync(command);
        var gsm = await sim.CommandAsync("state 2 1");
        var fxo = await sim.CommandAsync("state 1 1");

        Assert.False(refused.Ok);
        Assert.Equal(reason, refused.Text);
        Assert.Equal("idle", gsm.Text);
        Assert.Equal("idle", fxo.Text);
        Assert.All(sim.Card.Ports(), p => Assert.Equal(0, p.BusyChannels));
    }

    [Fact]
    public async Task AfterRefusedCommandsTheSameCardStillOffersAGoodCall()
    {
        await using var sim = await SimulatedCard.StartAsync();
        await sim.CommandAsync("call 2 1 100 ton=999");
        await sim.CommandAsync("alarm 2 FOO");

        var accepted = await sim.CommandAsync("call 2 13800138000 100");
        var incoming = await sim.NextAsync(CardEventKind.Incoming);

        Assert.True(accepted.Ok, accepted.Text);
        Assert.Equal(2, incoming.Port);
        Assert.Equal("13800138000", incoming.Calling.Digits);
    }

    [Fact]
    public async Task HelpListsEveryCommandWithItsArguments()
    {
        await using var sim = await SimulatedCard.StartAsync();

        var help = await sim.CommandAsync("help");

        Assert.True(help.Ok);
        Assert.Contains("call <port> <calling> <called> [channel=N]", help.Text, StringComparison.Ordinal);
        Assert.Contains("digits <port> <channel> <digits>", help.Text, StringComparison.Ordinal);
        Assert.Contains("refuse <port> <cause 0-127>", help.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("e1=abc", "option e1 'abc' is not a whole number")]
    [InlineData("e1=99999", "option e1 99999 is out of range (0-16)")]
    [InlineData(
        "e1=1&colour=red",
        "unknown option 'colour' (the simulated card knows e1, fxo, gsm and span<N>)")]
    [InlineData("e1=1&span2=r2", "option span2: the card has 1 E1 span (e1=1), numbered from 0")]
    [InlineData("e1=1&span0=r2/XX", "option span0: R2 VARIANT 'XX' is not an openr2 variant code")]
    public void ABadCardUriIsRefusedNamingTheOption(string options, string reason)
    {
        string path = SimulatedCard.NewSocketPath();

        var error = Assert.Throws<CardException>(
            () => TelephonyCard.Open($"sim:{path}?{options}", Logger.None));

        Assert.Equal(CardStatus.InvalidArgument, error.Status);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task ACardUriWithoutCountsHasOneE1SpanTwoFxoLinesAndTwoGsmSlots()
    {
        string path = SimulatedCard.NewSocketPath();

        using var card = TelephonyCard.Open($"sim:{path}", Logger.None);
        await using var farEnd = await SimulatedCardControl.ConnectAsync(path, CancellationToken.None);
        var ports = await farEnd.CommandAsync("ports", CancellationToken.None);

        Assert.Equal(
            [PortKind.E1Pri, PortKind.Fxo, PortKind.Fxo, PortKind.Gsm, PortKind.Gsm],
            card.Ports().Select(p => p.Kind));
        Assert.StartsWith("e1-0:30:", ports.Text, StringComparison.Ordinal);
    }
}
