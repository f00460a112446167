using Appliance.Drivers.Cards;
using Appliance.Drivers.Native;
using Appliance.Drivers.Tests.Support;
using Serilog.Core;

namespace Appliance.Drivers.Tests.Cards;

[Trait("Category", "Integration")]
public sealed class TelephonyCardAbiTests
{
    [Fact]
    public void LoadedLibrarySpeaksTheAbiOfThisAssembly()
    {
        Assert.Equal(SparkleCardNative.AbiVersion, TelephonyCard.LibraryAbiVersion);
    }

    [Theory]
    [InlineData("tape:/dev/null", CardStatus.InvalidArgument)]
    [InlineData("sim:", CardStatus.InvalidArgument)]
    [InlineData("sim:/nonexistent-directory/card.sock", CardStatus.IOError)]
    [InlineData("dahdi:/nonexistent-directory", CardStatus.IOError)]
    public void OpeningABadUriIsRefusedWithItsStatus(string uri, CardStatus expected)
    {
        var error = Assert.Throws<CardException>(() => TelephonyCard.Open(uri, Logger.None));

        Assert.Equal(expected, error.Status);
    }

    [Fact]
    public async Task SimulatedCardListsItsSpansPortsAndSlots()
    {
        await using var sim = await SimulatedCard.StartAsync(e1: 2, fxo: 2, gsm: 1);

        IReadOnlyList<CardPort> ports = sim.Card.Ports();

        Assert.Equal(
            [PortKind.E1Pri, PortKind.E1Pri, PortKind.Fxo, PortKind.Fxo, PortKind.Gsm],
            ports.Select(p => p.Kind));
        Assert.Equal(30, ports[0].Channels);
        Assert.Equal(1, ports[4].Channels);
        Assert.Equal("fxo-1", ports[3].Name);
        Assert.All(ports, p => Assert.Equal(CompandingLaw.ALaw, p.Law));
    }

    [Theory]
    [InlineData(0, 31, CardStatus.UnknownChannel)]
    [InlineData(0, 0, CardStatus.UnknownChannel)]
    [InlineData(1, 2, CardStatus.UnknownChannel)]
    [InlineData(7, 1, CardStatus.UnknownPort)]
    [InlineData(-1, 1, CardStatus.UnknownPort)]
    [InlineData(1, 1, CardStatus.WrongState)]
    public async Task AnsweringAChannelWithoutACallIsRefusedWithItsStatus(
        int port,
        int channel,
        CardStatus expected)
    {
        await using var sim = await SimulatedCard.StartAsync();

        var error = Assert.Throws<CardException>(() => sim.Card.Answer(port, channel));

        Assert.Equal(expected, error.Status);
    }

    [Theory]
    [InlineData(0, 31, CardStatus.UnknownChannel)]
    [InlineData(2, 2, CardStatus.UnknownChannel)]
    [InlineData(9, 1, CardStatus.UnknownPort)]
    [InlineData(2, 1, CardStatus.WrongState)]
    [InlineData(4, 1, CardStatus.WrongState)]
    public async Task ReadingAudioOfAChannelWithoutACallIsRefusedWithItsStatus(
        int port,
        int channel,
        CardStatus expected)
    {
        await using var sim = await SimulatedCard.StartAsync(e1: 2, fxo: 2, gsm: 1);

        var error = Assert.Throws<CardException>(() => sim.Card.TryReadAudio(port, channel, new byte[160]));

        Assert.Equal(expected, error.Status);
    }

    [Fact]
    public async Task AnOfferedGsmCallCannotBeReadBeforeItIsAnsweredUnlikeAnFxoLine()
    {
        await using var sim = await SimulatedCard.StartAsync(e1: 0, fxo: 1, gsm: 1);
        await sim.CommandAsync("call 1 13800138000 0");
        var incoming = await sim.NextAsync(CardEventKind.Incoming);

        var error = Assert.Throws<CardException>(() => sim.Card.TryReadAudio(1, 1, new byte[160]));

        Assert.Equal("13800138000", incoming.Calling.Digits);
        Assert.Equal(CardStatus.WrongState, error.Status);
    }

    [Theory]
    [InlineData("call 0 1 0 cid=fsk", "error cid= 'fsk' is not")]
    [InlineData("call 0 1 0 ring=5", "error ring= 5 is out of range")]
    [InlineData("call 0 1 0 pause=-1", "error pause= -1 is out of range")]
    [InlineData("tone 0 9 450 350 350", "error channel 9 is not a channel of port 0")]
    public async Task BadLineCommandsOnTheControlSocketAreRefusedAndTheCardCarriesOn(string command, string reply)
    {
        await using var sim = await SimulatedCard.StartAsync(e1: 0, fxo: 1, gsm: 0);

        var refused = await sim.CommandAsync(command);
        var after = await sim.CommandAsync("state 0 1");

        Assert.StartsWith(reply, "error " + refused.Text, StringComparison.Ordinal);
        Assert.Equal("idle", after.Text);
    }

    [Fact]
    public async Task AudioFrameOfTheWrongLengthIsRefused()
    {
        await using var sim = await SimulatedCard.StartAsync();

        var error = Assert.Throws<CardException>(() => sim.Card.WriteAudio(1, 1, new byte[159]));

        Assert.Equal(CardStatus.InvalidArgument, error.Status);
    }

    [Theory]
    [InlineData("12a4")]
    [InlineData("12345678901234567890123456789012")]
    public async Task DiallingANumberThatIsNotDialCharactersIsRefusedBeforeTheCard(string digits)
    {
        await using var sim = await SimulatedCard.StartAsync();

        Assert.Throws<ArgumentException>(() => sim.Card.Dial(1, null, PhoneNumber.Empty, new PhoneNumber(digits)));
        Assert.Equal(0, sim.Card.Port(1).BusyChannels);
    }

    [Fact]
    public async Task HangupCauseOutsideQ850IsRefused()
    {
        await using var sim = await SimulatedCard.StartAsync();

        var error = Assert.Throws<CardException>(() => sim.Card.Hangup(1, 1, 128));

        Assert.Equal(CardStatus.InvalidArgument, error.Status);
    }

    [Fact]
    public async Task ClosedCardRefusesEveryCallWithoutReachingTheLibrary()
    {
        var sim = await SimulatedCard.StartAsync();
        await sim.DisposeAsync();

        Assert.Throws<ObjectDisposedException>(() => sim.Card.Answer(0, 1));
        Assert.Throws<ObjectDisposedException>(() => sim.Card.Ports());
        Assert.Throws<ObjectDisposedException>(() => sim.Card.WriteAudio(0, 1, new byte[160]));
        while (sim.Card.Events.TryRead(out _))
        {
            // Events raised before the close are still delivered; then the stream ends.
        }
        await sim.Card.Events.Completion.WaitAsync(SimulatedCard.Timeout);
    }

    [Fact]
    public void StaleAndForgedHandlesAreRefusedByTheLibraryItself()
    {
        string path = SimulatedCard.NewSocketPath();
        Assert.Equal(0, SparkleCardNative.Open($"sim:{path}", out int handle));
        Assert.Equal(0, SparkleCardNative.Close(handle));

        int stale = SparkleCardNative.Answer(handle, 0, 1);
        int closedTwice = SparkleCardNative.Close(handle);
        int forged = SparkleCardNative.PortCount(handle + 64 * 1000, out _);
        int zero = SparkleCardNative.PollEvent(0, out _, 0);

        Assert.Equal((int)CardStatus.BadHandle, stale);
        Assert.Equal((int)CardStatus.BadHandle, closedTwice);
        Assert.Equal((int)CardStatus.BadHandle, forged);
        Assert.Equal((int)CardStatus.BadHandle, zero);
        Assert.False(File.Exists(path));
    }
}
