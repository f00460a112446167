using Appliance.Drivers.CallerId;
using Appliance.Drivers.Cards;
using Appliance.Drivers.Simulation;
using Appliance.Media.Engine;
using Appliance.Media.Rtp;
using Appliance.Telephony.Trunks;
using Serilog.Core;

namespace Appliance.Telephony.Tests.Trunks;

/// <summary>
/// The gateway in front of a simulated FXO port: the exchange sends the caller's number only as
/// audio on the idle line (FSK between the rings, or DTMF before them), so it reaches the SIP side
/// only if the gateway decoded it; a far party who hangs up with busy tone clears the call.
/// </summary>
[Trait("Category", "Integration")]
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Reliability",
    "CA1001",
    Justification = "xUnit disposes the fixture through IAsyncLifetime.DisposeAsync.")]
public sealed class FxoGatewayTests : IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(15);

    private static readonly TrunkRouter s_router = new(
        [TrunkGroup.Pstn("fxo", 0)],
        [new OutboundRoute("", ["fxo"])]);

    private readonly string _socket = Path.Combine(Path.GetTempPath(), $"sparkle-fxo-{Guid.NewGuid():N}.sock");
    private readonly MediaClock _clock = new(Logger.None);
    private readonly MediaPortAllocator _ports = FreePortRange();
    private TelephonyCard _card = null!;
    private SimulatedCardControl _farEnd = null!;
    private SipPeer _peer = null!;

    public async Task InitializeAsync()
    {
        _card = TelephonyCard.Open($"sim:{_socket}?e1=0&fxo=1&gsm=0", Logger.None);
        _farEnd = await SimulatedCardControl.ConnectAsync(_socket, CancellationToken.None);
        _peer = new SipPeer(_clock, _ports);
    }

    public async Task DisposeAsync()
    {
        await _peer.DisposeAsync();
        await _farEnd.DisposeAsync();
        _card.Dispose();
        await _clock.DisposeAsync();
    }

    [Theory]
    [InlineData("bell202")]
    [InlineData("v23")]
    [InlineData("dtmf")]
    public async Task CallerIdSentAsAudioOnTheLineReachesTheSipSideAsTheCaller(string signal)
    {
        await using var gateway = StartGateway(CallerIdSignals.All);

        await Command($"call 0 075512345678 0 cid={signal} ring=300 pause=600");
        var invite = await _peer.Invited.Task.WaitAsync(s_timeout);

        Assert.Equal("075512345678", invite.From!.Uri.User);
        Assert.Equal("200", invite.RequestUri.User);
        Assert.Equal("fxo-0;channel=1", invite.Headers[PstnGateway.TrunkHeader]);
    }

    [Fact]
    public async Task WithheldCallerIdIsOfferedAsAnonymousAndPrivate()
    {
        await using var gateway = StartGateway(CallerIdSignals.All);

        await Command("call 0 075512345678 0 cid=bell202 pres=restricted ring=300 pause=600");
        var invite = await _peer.Invited.Task.WaitAsync(s_timeout);

        Assert.Equal("anonymous", invite.From!.Uri.User);
        Assert.Equal("id", invite.Headers["Privacy"]);
    }

    [Fact]
    public async Task LineWithoutCallerIdIsOfferedAtTheSecondRingWithoutANumber()
    {
        await using var gateway = StartGateway(CallerIdSignals.All);

        await Command("call 0 075512345678 0 cid=none ring=300 pause=600");
        var invite = await _peer.Invited.Task.WaitAsync(s_timeout);

        Assert.Equal("anonymous", invite.From!.Uri.User);
        Assert.False(invite.Headers.Contains("Privacy"));
    }

    [Fact]
    public async Task CallerIdOfASignalTheLineIsNotListenedForIsNotTakenForANumber()
    {
        await using var gateway = StartGateway(CallerIdSignals.Dtmf);

        await Command("call 0 075512345678 0 cid=v23 ring=300 pause=600");
        var invite = await _peer.Invited.Task.WaitAsync(s_timeout);

        Assert.Equal("anonymous", invite.From!.Uri.User);
    }

    [Fact]
    public async Task BusyToneFromTheLineClearsTheCallBothWays()
    {
        await using var gateway = StartGateway(CallerIdSignals.All);
        await Command("call 0 075512345678 0 cid=dtmf ring=300 pause=600");
        await _farEnd.WaitForEventAsync("connect port=0 channel=1", s_timeout, CancellationToken.None);

        await Command("tone 0 1 450 350 350");
        await _peer.ByeReceived.Task.WaitAsync(s_timeout);
        var release = await _farEnd.WaitForEventAsync("release port=0 channel=1", s_timeout,
            CancellationToken.None);

        Assert.Contains("cause=16", release, StringComparison.Ordinal);
        Assert.Equal(0, _card.Port(0).BusyChannels);
    }

    [Fact]
    public async Task CongestionToneFromTheLineClearsTheCallBothWays()
    {
        await using var gateway = StartGateway(CallerIdSignals.All);
        await Command("call 0 075512345678 0 cid=dtmf ring=300 pause=600");
        await _farEnd.WaitForEventAsync("connect port=0 channel=1", s_timeout, CancellationToken.None);

        // Europe's congestion tone: 425 Hz, 250 ms on and off (its busy tone is 500/500).
        await Command("tone 0 1 425 250 250");
        await _peer.ByeReceived.Task.WaitAsync(s_timeout);
        var release = await _farEnd.WaitForEventAsync("release port=0 channel=1", s_timeout,
            CancellationToken.None);

        Assert.Contains("cause=16", release, StringComparison.Ordinal);
        Assert.Equal(0, _card.Port(0).BusyChannels);
    }

    [Fact]
    public async Task SteadyToneFromTheLineDoesNotClearTheCall()
    {
        await using var gateway = StartGateway(CallerIdSignals.All);
        await Command("call 0 075512345678 0 cid=dtmf ring=300 pause=600");
        await _farEnd.WaitForEventAsync("connect port=0 channel=1", s_timeout, CancellationToken.None);

        await Command("tone 0 1 450");
        await Task.Delay(TimeSpan.FromSeconds(3));
        var state = await Command("state 0 1");

        Assert.Equal("up", state.Text);
        Assert.False(_peer.ByeReceived.Task.IsCompleted);
    }

    [Fact]
    public async Task LineGainsScaleTheAudioEachWay()
    {
        var (lineHeardFlat, sipHeardFlat) = await MeasureLevelsAsync(_peer, gainDb: 0);
        await using var quieter = new SipPeer(_clock, _ports);
        var (lineHeardQuiet, sipHeardQuiet) = await MeasureLevelsAsync(quieter, gainDb: -12);

        // -12 dB is a factor of 0.25 in amplitude.
        Assert.InRange(lineHeardQuiet / lineHeardFlat, 0.2, 0.31);
        Assert.InRange(sipHeardQuiet / sipHeardFlat, 0.2, 0.31);
    }

    private async Task<(double LineRms, double SipRms)> MeasureLevelsAsync(SipPeer peer, double gainDb)
    {
        await using var gateway = StartGateway(CallerIdSignals.Dtmf, peer, gainDb);
        await Command("call 0 075512345678 0 cid=dtmf ring=300 pause=600");
        await _farEnd.WaitForEventAsync("connect port=0 channel=1", s_timeout, CancellationToken.None);
        await Command("tone 0 1 1000");
        await Task.Delay(TimeSpan.FromSeconds(1));
        await Command("heard 0 1");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var heard = await Command("heard 0 1");
        short[] sip = peer.Heard();
        await Command("hangup 0 1");
        await peer.ByeReceived.Task.WaitAsync(s_timeout);

        var tail = sip.AsSpan(^4000..).ToArray();
        double sipRms = Math.Sqrt(tail.Average(s => (double)s * s));
        return (double.Parse(heard.Value("rms")!, System.Globalization.CultureInfo.InvariantCulture), sipRms);
    }

    private PstnGateway StartGateway(CallerIdSignals signals, SipPeer? peer = null, double gainDb = 0)
    {
        var options = new PstnGatewayOptions
        {
            Target = (peer ?? _peer).EndPoint,
            PortDids = new Dictionary<int, string> { [0] = "200" },
            FxoCallerId = signals,
            FxoFromLineGainDb = gainDb,
            FxoToLineGainDb = gainDb,
        };
        var gateway = new PstnGateway(_card, s_router, options, _clock, _ports, TimeProvider.System, Logger.None);
        gateway.Start();
        return gateway;
    }

    private async Task<SimulatorReply> Command(string command)
    {
        var reply = await _farEnd.CommandAsync(command, CancellationToken.None);
        Assert.True(reply.Ok, $"{command}: {reply.Text}");
        return reply;
    }

    private static MediaPortAllocator FreePortRange()
    {
        int start = 40000 + (Random.Shared.Next(0, 1000) * 20);
        return new MediaPortAllocator(start, start + 19);
    }
}
