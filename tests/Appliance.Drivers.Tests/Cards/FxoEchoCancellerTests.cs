using System.Diagnostics;
using Appliance.Drivers.Cards;
using Appliance.Drivers.Tests.Support;

namespace Appliance.Drivers.Tests.Cards;

/// <summary>
/// The card's line echo canceller on a simulated FXO line whose hybrid returns what the box sends
/// 4 ms later, 9 dB down, through a short ringing response (drivers/native/src/sim_hybrid.c). The
/// box sends a speech-like signal and reads what the line returns, through the real native
/// library at the line's 20 ms pace.
/// </summary>
[Trait("Category", "Integration")]
public sealed class FxoEchoCancellerTests
{
    private static readonly TimeSpan s_frame = TimeSpan.FromMilliseconds(20);

    [Fact]
    public async Task EchoOfWhatTheBoxSendsIsTwentyDecibelsQuieterWithTheCancellerOnOnceItConverged()
    {
        double echoOff = await MeanEchoPowerAsync(echoCancel: false);
        double echoOn = await MeanEchoPowerAsync(echoCancel: true);

        double enhancementDb = LineMeter.Decibels(echoOff / echoOn);
        Assert.True(echoOff > 1e4, $"the hybrid returned almost nothing ({echoOff:F0})");
        Assert.True(enhancementDb >= 20, $"echo return loss enhancement {enhancementDb:F1} dB");
    }

    [Fact]
    public async Task FarTalkerKeepsItsLevelWhileBothEndsTalk()
    {
        await using var sim = await SimulatedCard.StartAsync(e1: 0, fxo: 1, gsm: 0);
        await using var call = await LineCall.StartAsync(sim, echoCancel: true);
        var speech = new SpeechLikeSignal(seed: 7);
        var silence = new short[160];

        await call.PlayAsync(frames: 125, speech.NextFrame);
        await sim.CommandAsync("tone 0 1 440");
        var doubleTalk = await call.PlayAsync(frames: 100, speech.NextFrame);
        var farAlone = await call.PlayAsync(frames: 75, () => silence);

        double duringDoubleTalk = LineMeter.PowerAt(440, doubleTalk.Skip(25));
        double alone = LineMeter.PowerAt(440, farAlone.Skip(25));
        double differenceDb = LineMeter.Decibels(duringDoubleTalk / alone);
        Assert.True(alone > 1e6, $"the far talker was not heard ({alone:F0})");
        Assert.InRange(differenceDb, -3, 3);
    }

    [Fact]
    public async Task OnlyFxoPortsHaveACancellerAndItsTailIsBounded()
    {
        await using var sim = await SimulatedCard.StartAsync(e1: 1, fxo: 1, gsm: 0);

        var onE1 = Assert.Throws<CardException>(() => sim.Card.SetEchoCanceller(0, enabled: true, tailMs: 128));
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.Card.SetEchoCanceller(1, enabled: true, tailMs: 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.Card.SetEchoCanceller(1, enabled: true, tailMs: 512));
        var unknown = Assert.Throws<CardException>(() => sim.Card.SetEchoCanceller(7, enabled: true, tailMs: 64));
        sim.Card.SetEchoCanceller(1, enabled: false, tailMs: 64);

        Assert.Equal(CardStatus.Unsupported, onE1.Status);
        Assert.Equal(CardStatus.UnknownPort, unknown.Status);
    }

    /// <summary>Four seconds of speech-like signal with the far end silent; the mean power of
    /// what came back over the last two, once the canceller had two seconds to learn.</summary>
    private static async Task<double> MeanEchoPowerAsync(bool echoCancel)
    {
        await using var sim = await SimulatedCard.StartAsync(e1: 0, fxo: 1, gsm: 0);
        await using var call = await LineCall.StartAsync(sim, echoCancel);
        var speech = new SpeechLikeSignal(seed: 3);

        await call.PlayAsync(frames: 100, speech.NextFrame);
        var converged = await call.PlayAsync(frames: 100, speech.NextFrame);

        return LineMeter.MeanPower(converged);
    }

    /// <summary>An outgoing call on FXO port 0 that the far end answered.</summary>
    private sealed class LineCall : IAsyncDisposable
    {
        private readonly SimulatedCard _sim;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _written;

        private LineCall(SimulatedCard sim)
        {
            _sim = sim;
        }

        public static async Task<LineCall> StartAsync(SimulatedCard sim, bool echoCancel)
        {
            sim.Card.SetEchoCanceller(0, echoCancel, tailMs: 128);
            // The dial leaves the channel outgoing at once; the far end's setup event may go out
            // before the card has accepted the control connection, so the answer does not wait
            // for it.
            sim.Card.Dial(0, null, PhoneNumber.Empty, new PhoneNumber("5551234"));
            await sim.CommandAsync("answer 0 1");
            await sim.NextAsync(CardEventKind.Answered);
            return new LineCall(sim);
        }

        /// <summary>
        /// Sends frames at the line's pace (a frame or two ahead, which the card queues) and
        /// collects every frame the line returned meanwhile, until as many came back as were
        /// asked for.
        /// </summary>
        public async Task<List<byte[]>> PlayAsync(int frames, Func<short[]> next)
        {
            var received = new List<byte[]>(frames);
            var frame = new byte[160];
            using var deadline = new CancellationTokenSource(SimulatedCard.Timeout + (s_frame * frames));
            using var timer = new PeriodicTimer(s_frame / 2);
            while (received.Count < frames)
            {
                await timer.WaitForNextTickAsync(deadline.Token);
                long due = (long)(_clock.Elapsed / s_frame) + 2;
                while (_written < due)
                {
                    _sim.Card.WriteAudio(0, 1, LineMeter.Encode(next()));
                    _written++;
                }
                while (received.Count < frames && _sim.Card.TryReadAudio(0, 1, frame))
                {
                    received.Add(frame.ToArray());
                }
            }
            return received;
        }

        public ValueTask DisposeAsync()
        {
            _sim.Card.Hangup(0, 1, 16);
            return ValueTask.CompletedTask;
        }
    }
}
