using Appliance.Drivers.Cards;
using Appliance.Drivers.Signalling;
using Appliance.Drivers.Tests.Support;

namespace Appliance.Drivers.Tests.Cards;

/// <summary>Calls over a simulated E1 whose far exchange is a second libpri instance (network
/// side), so the Q.931 messages are real.</summary>
[Trait("Category", "Integration")]
public sealed class PriCallTests
{
    [Fact]
    public async Task InboundSetupArrivesWithNumbersPlanAndRestrictedPresentation()
    {
        await using var sim = await SimulatedCard.StartAsync(e1: 1, fxo: 0, gsm: 0);
        await sim.WaitForSpansInServiceAsync();

        var reply = await sim.CommandAsync("call 0 13800138000 100 channel=5 ton=1 pres=restricted");
        CardEvent incoming = await sim.NextAsync(CardEventKind.Incoming);

        Assert.True(reply.Ok, reply.Text);
        Assert.Equal(5, incoming.Channel);
        Assert.Equal("13800138000", incoming.Calling.Digits);
        Assert.Equal(TypeOfNumber.International, incoming.Calling.Type);
        Assert.Equal(NumberingPlan.Isdn, incoming.Calling.Plan);
        Assert.Equal(NumberPresentation.Restricted, incoming.Calling.Presentation);
        Assert.Equal("100", incoming.Called.Digits);
    }

    [Fact]
    public async Task AnsweredInboundCallCarriesAudioBothWays()
    {
        await using var sim = await SimulatedCard.StartAsync(e1: 1, fxo: 0, gsm: 0);
        await sim.WaitForSpansInServiceAsync();
        await sim.CommandAsync("call 0 13800138000 100");
        CardEvent incoming = await sim.NextAsync(CardEventKind.Incoming);

        sim.Card.Answer(0, incoming.Channel);
        await sim.FarEventAsync($"connect port=0 channel={incoming.Channel}");
        await sim.CommandAsync($"tone 0 {incoming.Channel} 1000");
        var received = await ReadFramesAsync(sim.Card, incoming.Channel, count: 10);
        for (int i = 0; i < 50; i++)
        {
            sim.Card.WriteAudio(0, incoming.Channel, AlawTone.Frame(440, i));
        }
        var heard = await sim.CommandAsync($"heard 0 {incoming.Channel}");

        Assert.InRange(AlawTone.FrequencyOf(received), 970, 1030);
        Assert.Equal("50", heard.Value("frames"));
        double heardHz = double.Parse(heard.Value("hz")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(heardHz, 425, 455);
    }

    [Fact]
    public async Task ExchangeClearingWithUserBusyReachesTheCardAsCause17AndSip486()
    {
        await using var sim = await SimulatedCard.StartAsync(e1: 1, fxo: 0, gsm: 0);
        await sim.WaitForSpansInServiceAsync();
        await sim.CommandAsync("call 0 13800138000 100 channel=1");
        await sim.NextAsync(CardEventKind.Incoming);

        await sim.CommandAsync("hangup 0 1 17");
        CardEvent hangup = await sim.NextAsync(CardEventKind.Hangup);

        Assert.Equal(1, hangup.Channel);
        Assert.Equal(IsdnCauseMapping.UserBusy, hangup.Cause);
        Assert.Equal(486, IsdnCauseMapping.ToSipStatus(hangup.Cause));
        Assert.Equal(0, sim.Card.Port(0).BusyChannels);
    }

    [Fact]
    public async Task OutboundCallTakesTheTopChannelIsAlertedAnsweredAndClearedWithItsCause()
    {
        await using var sim = await SimulatedCard.StartAsync(e1: 1, fxo: 0, gsm: 0);
        await sim.WaitForSpansInServiceAsync();
        var calling = new PhoneNumber("55501234", TypeOfNumber.Subscriber);
        var called = new PhoneNumber("13900139000", TypeOfNumber.National);

        int channel = sim.Card.Dial(0, null, calling, called);
        string setup = await sim.FarEventAsync($"setup port=0 channel={channel}");
        CardEvent ringing = await sim.NextAsync(CardEventKind.Ringing);
        await sim.CommandAsync($"answer 0 {channel}");
        CardEvent answered = await sim.NextAsync(CardEventKind.Answered);
        sim.Card.Hangup(0, channel, IsdnCauseMapping.ToCause(603));
        string release = await sim.FarEventAsync($"release port=0 channel={channel}");

        Assert.Equal(30, channel);
        Assert.Contains("calling=55501234 called=13900139000", setup, StringComparison.Ordinal);
        Assert.Equal(channel, ringing.Channel);
        Assert.Equal(channel, answered.Channel);
        Assert.EndsWith("cause=21", release, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RestartFromTheExchangeFreesTheChannel()
    {
        await using var sim = await SimulatedCard.StartAsync(e1: 1, fxo: 0, gsm: 0);
        await sim.WaitForSpansInServiceAsync();
        await sim.CommandAsync("call 0 1 100 channel=7");
        await sim.NextAsync(CardEventKind.Incoming);

        await sim.CommandAsync("restart 0 7");
        CardEvent restart = await sim.NextAsync(CardEventKind.Restart);
        await sim.FarEventAsync("restarted port=0 channel=7");

        Assert.Equal(7, restart.Channel);
        Assert.Equal(0, sim.Card.Port(0).BusyChannels);
    }

    [Fact]
    public async Task SpanInAlarmRefusesCallsBothWays()
    {
        await using var sim = await SimulatedCard.StartAsync(e1: 1, fxo: 0, gsm: 0);
        await sim.WaitForSpansInServiceAsync();

        await sim.CommandAsync("alarm 0 LOS");
        CardEvent alarm = await sim.NextAsync(CardEventKind.Alarm, e => e.Alarms != PortAlarms.None);
        var error = Assert.Throws<CardException>(
            () => sim.Card.Dial(0, null, PhoneNumber.Empty, new PhoneNumber("1")));
        var inbound = await sim.CommandAsync("call 0 1 100");

        Assert.Equal(PortAlarms.LossOfSignal, alarm.Alarms);
        Assert.Equal(CardStatus.Alarm, error.Status);
        Assert.False(inbound.Ok);
        Assert.False(sim.Card.Port(0).InService);
    }

    private static async Task<List<byte[]>> ReadFramesAsync(TelephonyCard card, int channel, int count)
    {
        var frames = new List<byte[]>();
        using var deadline = new CancellationTokenSource(SimulatedCard.Timeout);
        while (frames.Count < count)
        {
            var frame = new byte[160];
            if (card.TryReadAudio(0, channel, frame))
            {
                frames.Add(frame);
            }
            else
            {
                await Task.Delay(10, deadline.Token);
            }
        }
        return frames;
    }
}
