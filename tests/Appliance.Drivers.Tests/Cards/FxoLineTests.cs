using Appliance.Drivers.CallerId;
using Appliance.Drivers.Cards;
using Appliance.Drivers.Tests.Support;

namespace Appliance.Drivers.Tests.Cards;

/// <summary>
/// A simulated FXO port as an exchange drives it: the call is offered with no number, the rings
/// come as events, and the caller ID is only audio on the idle line, which the decoders read.
/// </summary>
[Trait("Category", "Integration")]
public sealed class FxoLineTests
{
    [Theory]
    [InlineData("bell202", CallerIdSignals.Bell202)]
    [InlineData("v23", CallerIdSignals.V23)]
    [InlineData("dtmf", CallerIdSignals.Dtmf)]
    public async Task CallerIdOnTheIdleLineDecodesToTheCallersNumber(string signal, CallerIdSignals expected)
    {
        await using var sim = await SimulatedCard.StartAsync(e1: 0, fxo: 1, gsm: 0);
        var receiver = new LineCallerIdReceiver(expected);

        await sim.CommandAsync($"call 0 13800138000 0 cid={signal} ring=200 pause=400");
        var incoming = await sim.NextAsync(CardEventKind.Incoming);
        await ListenUntilMessageAsync(sim.Card, receiver);

        Assert.Equal(string.Empty, incoming.Calling.Digits);
        Assert.Equal("13800138000", receiver.Message?.Number);
        Assert.Equal(expected, receiver.ReceivedAs);
    }

    [Fact]
    public async Task RestrictedCallerSendsTheReasonInsteadOfTheNumber()
    {
        await using var sim = await SimulatedCard.StartAsync(e1: 0, fxo: 1, gsm: 0);
        var receiver = new LineCallerIdReceiver(CallerIdSignals.V23);

        await sim.CommandAsync("call 0 13800138000 0 cid=v23 pres=restricted ring=200 pause=400");
        await sim.NextAsync(CardEventKind.Incoming);
        await ListenUntilMessageAsync(sim.Card, receiver);

        Assert.Null(receiver.Message?.Number);
        Assert.Equal(CallerIdAbsence.Private, receiver.Message?.NumberAbsence);
    }

    [Fact]
    public async Task RingsRepeatUntilTheCallIsAnsweredWhichThenCarriesDigits()
    {
        await using var sim = await SimulatedCard.StartAsync(e1: 0, fxo: 1, gsm: 0);

        await sim.CommandAsync("call 0 13800138000 0 cid=none ring=100 pause=200");
        await sim.NextAsync(CardEventKind.Incoming);
        for (int i = 0; i < 4; i++)
        {
            await sim.NextAsync(CardEventKind.Ring);
        }
        sim.Card.Answer(0, 1);
        await sim.FarEventAsync("connect port=0 channel=1");
        var state = await sim.CommandAsync("state 0 1");
        await sim.CommandAsync("digits 0 1 5");
        var next = await sim.NextAsync(CardEventKind.Digit);

        Assert.Equal("up", state.Text);
        Assert.Equal('5', next.Digit);
    }

    [Fact]
    public async Task AnIdleLineCannotBeReadButAnOfferedOneCan()
    {
        await using var sim = await SimulatedCard.StartAsync(e1: 0, fxo: 1, gsm: 0);
        var frame = new byte[160];

        var idle = Assert.Throws<CardException>(() => sim.Card.TryReadAudio(0, 1, frame));
        await sim.CommandAsync("call 0 13800138000 0 cid=bell202 ring=200 pause=400");
        await sim.NextAsync(CardEventKind.Ring);
        await ListenUntilMessageAsync(sim.Card, new LineCallerIdReceiver(CallerIdSignals.Bell202));

        Assert.Equal(CardStatus.WrongState, idle.Status);
    }

    private static async Task ListenUntilMessageAsync(TelephonyCard card, LineCallerIdReceiver receiver)
    {
        var frame = new byte[160];
        var deadline = DateTime.UtcNow + SimulatedCard.Timeout;
        while (receiver.Message is null && DateTime.UtcNow < deadline)
        {
            if (card.TryReadAudio(0, 1, frame))
            {
                receiver.Feed(AlawTone.Decode(frame));
            }
            else
            {
                await Task.Delay(10);
            }
        }
    }
}
