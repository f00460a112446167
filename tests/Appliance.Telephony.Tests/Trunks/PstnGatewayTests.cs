using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Appliance.Drivers.Cards;
using Appliance.Drivers.Simulation;
using Appliance.Media.Engine;
using Appliance.Media.Rtp;
using Appliance.Media.Tones;
using Appliance.Telephony.Trunks;
using Microsoft.Extensions.Time.Testing;
using Serilog.Core;

namespace Appliance.Telephony.Tests.Trunks;

/// <summary>
/// The gateway between a simulated card (real Q.931 through libpri on both sides of the E1) and a
/// SIP peer on a real UDP socket, with RTP both ways.
/// </summary>
[Trait("Category", "Integration")]
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Reliability",
    "CA1001",
    Justification = "xUnit disposes the fixture through IAsyncLifetime.DisposeAsync.")]
public sealed class PstnGatewayTests : IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(15);

    private readonly string _socket = Path.Combine(Path.GetTempPath(), $"sparkle-gw-{Guid.NewGuid():N}.sock");
    private readonly MediaClock _clock = new(Logger.None);
    private readonly MediaPortAllocator _ports = FreePortRange();
    private TelephonyCard _card = null!;
    private SimulatedCardControl _farEnd = null!;
    private SipPeer _peer = null!;

    private static readonly TrunkRouter s_router = new(
        [TrunkGroup.Pstn("e1", 0), TrunkGroup.Pstn("gsm", 1)],
        [new OutboundRoute("", ["e1", "gsm"])]);

    public async Task InitializeAsync()
    {
        _card = TelephonyCard.Open($"sim:{_socket}?e1=1&fxo=0&gsm=1", Logger.None);
        _farEnd = await SimulatedCardControl.ConnectAsync(_socket, CancellationToken.None);
        _peer = new SipPeer(_clock, _ports);
        using var deadline = new CancellationTokenSource(s_timeout);
        while (!_card.Port(0).InService)
        {
            await Task.Delay(20, deadline.Token);
        }
    }

    public async Task DisposeAsync()
    {
        await _peer.DisposeAsync();
        await _farEnd.DisposeAsync();
        _card.Dispose();
        await _clock.DisposeAsync();
    }

    [Fact]
    public async Task ACallOnAMobileLineTakesTheLinesDidNotTheNumberTheLineHandsOver()
    {
        await using var gateway = StartGateway(_peer.EndPoint, TimeProvider.System);

        await Command("call 1 13900000000 13800000000");
        var invite = await _peer.Invited.Task.WaitAsync(s_timeout);

        Assert.Equal("100", invite.RequestUri.User);
        Assert.Equal("13900000000", invite.From!.Uri.User);
    }

    [Fact]
    public async Task InboundPriCallReachesTheSipSideWithItsDidAndTrunkAndCarriesAudioBothWays()
    {
        await using var gateway = StartGateway(_peer.EndPoint, TimeProvider.System);

        await Command("call 0 13800138000 100 channel=4");
        var invite = await _peer.Invited.Task.WaitAsync(s_timeout);
        await _farEnd.WaitForEventAsync("connect port=0 channel=4", s_timeout, CancellationToken.None);
        await Command("tone 0 4 1000");
        await Command("heard 0 4");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var heardOnLine = await Command("heard 0 4");
        short[] heardOnSip = _peer.Heard();
        await Command("hangup 0 4 16");
        await _peer.ByeReceived.Task.WaitAsync(s_timeout);

        Assert.Equal("100", invite.RequestUri.User);
        Assert.Equal("13800138000", invite.From!.Uri.User);
        Assert.Equal("e1-0;channel=4", invite.Headers[PstnGateway.TrunkHeader]);
        Assert.True(heardOnSip.Length > 4000, $"only {heardOnSip.Length} samples reached SIP");
        Assert.InRange(Goertzel.DominantFrequency(heardOnSip.AsSpan(^4000..), 8000, 300, 2000, 10), 980, 1020);
        Assert.InRange(double.Parse(heardOnLine.Value("hz")!, CultureInfo.InvariantCulture), 420, 460);
    }

    [Fact]
    public async Task ACallerWhoClearsBeforeTheBoxAnswersGetsTheLateAnswerAcknowledgedAndEndedWithBye()
    {
        _peer.HoldAnswer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var gateway = StartGateway(_peer.EndPoint, TimeProvider.System);
        await Command("call 0 71 100 channel=1");
        await _peer.Offered.Task.WaitAsync(s_timeout);

        await Command("hangup 0 1");
        await WaitUntilAsync(() => gateway.Snapshot().Channels.Count == 0);
        _peer.HoldAnswer.SetResult();
        var ack = await _peer.AckReceived.Task.WaitAsync(s_timeout);
        var bye = await _peer.ByeReceived.Task.WaitAsync(s_timeout);

        Assert.Equal(ack.CallId, bye.CallId);
        Assert.Empty(gateway.Snapshot().Channels);
    }

    [Fact]
    public async Task RestrictedCallerIsHiddenInFromAndAssertedToTheBox()
    {
        await using var gateway = StartGateway(_peer.EndPoint, TimeProvider.System);

        await Command("call 0 13800138000 100 pres=restricted");
        var invite = await _peer.Invited.Task.WaitAsync(s_timeout);

        Assert.Equal("anonymous", invite.From!.Uri.User);
        Assert.Contains("13800138000", invite.Headers["P-Asserted-Identity"], StringComparison.Ordinal);
        Assert.Equal("id", invite.Headers["Privacy"]);
    }

    [Fact]
    public async Task OutboundCallFailsOverFromAnE1InAlarmToGsm()
    {
        await using var gateway = StartGateway(_peer.EndPoint, TimeProvider.System);
        await Command("alarm 0 LOS");

        var call = _peer.CallAsync(gateway.SipEndPoint, "13900139000");
        string setup = await _farEnd.WaitForEventAsync(
            "setup port=1 channel=1", s_timeout, CancellationToken.None);
        await Command("answer 1 1");
        var response = await call.WaitAsync(s_timeout);

        Assert.Contains("called=13900139000", setup, StringComparison.Ordinal);
        Assert.Equal(200, response?.StatusCode);
        Assert.Equal("gsm-0;channel=1", response!.Headers[PstnGateway.TrunkHeader]);
        Assert.Equal(1, gateway.Snapshot().Group("gsm")!.BusyChannels);
        Assert.False(gateway.Snapshot().Group("e1")!.InService);
    }

    [Fact]
    public async Task OutboundCallWithEveryTrunkDownIsRefusedWith503()
    {
        await using var gateway = StartGateway(_peer.EndPoint, TimeProvider.System);
        await Command("alarm 0 AIS");
        await Command("alarm 1 NOBATTERY");

        var response = await _peer.CallAsync(gateway.SipEndPoint, "13900139000").WaitAsync(s_timeout);

        Assert.Equal(503, response?.StatusCode);
    }

    [Theory]
    [InlineData("12a34", "'a' at position 3")]
    [InlineData("abc", "'a' at position 1")]
    [InlineData("12345678901234567890123456789012345", "more than the 31")]
    public async Task ANumberNoLineCanDialAsAskedIsRefused484WithAWarningAndNothingIsDialled(
        string number, string why)
    {
        await using var gateway = StartGateway(_peer.EndPoint, TimeProvider.System);

        var response = await _peer.CallAsync(gateway.SipEndPoint, number).WaitAsync(s_timeout);

        Assert.Equal(484, response?.StatusCode);
        Assert.Contains(why, response!.Headers["Warning"], StringComparison.Ordinal);
        Assert.StartsWith("399 ", response.Headers["Warning"], StringComparison.Ordinal);
        Assert.Equal(0, _card.Port(0).BusyChannels);
        Assert.Equal(0, _card.Port(1).BusyChannels);
    }

    [Fact]
    public async Task AnEscapedHashIsDecodedAndTheExchangeIsAskedForTheHash()
    {
        await using var gateway = StartGateway(_peer.EndPoint, TimeProvider.System);

        var call = _peer.CallAsync(gateway.SipEndPoint, "*99%23");
        string setup = await _farEnd.WaitForEventAsync(
            "setup port=0", s_timeout, CancellationToken.None);
        var channel = setup.Split("channel=")[1].Split(' ')[0];
        await Command($"answer 0 {channel}");
        var response = await call.WaitAsync(s_timeout);

        Assert.Contains("called=*99# ", setup, StringComparison.Ordinal);
        Assert.Equal(200, response?.StatusCode);
    }

    [Fact]
    public async Task InboundCallsTakeTheLocalFallbackWhenTheTargetStopsAnsweringOptions()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var silent = new IPEndPoint(IPAddress.Loopback, UnusedUdpPort());
        await using var gateway = StartGateway(silent, time, fallback: _peer.EndPoint);

        // RFC 3261 §17.1.2.2: Timer F, 64*T1 = 32 s, ends an unanswered OPTIONS.
        for (int i = 0; i < 40 && gateway.TargetReachable; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(10);
        }
        await Command("call 0 13800138000 100");
        var invite = await _peer.Invited.Task.WaitAsync(s_timeout);

        Assert.False(gateway.TargetReachable);
        Assert.Equal("900", invite.RequestUri.User);
    }

    [Fact]
    public async Task ACallToAnUpstreamThatSendsNothingBackIsRetriedOnTheLocalFallbackWithinTheWait()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var silent = new IPEndPoint(IPAddress.Loopback, UnusedUdpPort());
        await using var gateway = StartGateway(silent, time, fallback: _peer.EndPoint);

        await Command("call 0 13800138000 100");
        for (int i = 0; i < 100 && !_peer.Invited.Task.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromSeconds(0.5));
            await Task.Delay(20);
        }
        var invite = await _peer.Invited.Task.WaitAsync(s_timeout);

        Assert.Equal("900", invite.RequestUri.User);
        Assert.False(gateway.TargetReachable);
        Assert.True(time.GetUtcNow() - time.Start < TimeSpan.FromSeconds(32), "the call waited out Timer B");
    }

    [Fact]
    public async Task ACallAnswered503ByTheUpstreamIsRetriedOnTheLocalFallback()
    {
        await using var upstream = new SipPeer(_clock, _ports) { RefuseWith = 503 };
        await using var gateway = StartGateway(upstream.EndPoint, TimeProvider.System, fallback: _peer.EndPoint);

        await Command("call 0 13800138000 100 channel=3");
        var refused = await upstream.Offered.Task.WaitAsync(s_timeout);
        var invite = await _peer.Invited.Task.WaitAsync(s_timeout);
        await _farEnd.WaitForEventAsync("connect port=0 channel=3", s_timeout, CancellationToken.None);

        Assert.Equal("100", refused.RequestUri.User);
        Assert.Equal("900", invite.RequestUri.User);
    }

    [Fact]
    public async Task AnInternationalCallerKeepsThePlusInFrom()
    {
        await using var gateway = StartGateway(_peer.EndPoint, TimeProvider.System);

        await Command("call 0 8613912345678 100 ton=1");
        var invite = await _peer.Invited.Task.WaitAsync(s_timeout);

        Assert.Equal("+8613912345678", invite.From!.Uri.User);
    }

    [Theory]
    [InlineData("hangup 0 {0} 17", 486, "Q.850;cause=17;text=\"User busy\"")]
    [InlineData("restart 0 {0}", 503, "Q.850;cause=41;text=\"Temporary failure\"")]
    public async Task AnOutboundCallTheLineClearsBeforeTheAnswerGetsTheMappedStatusAndItsQ850CauseAsReason(
        string clearing,
        int status,
        string reason)
    {
        await using var gateway = StartGateway(_peer.EndPoint, TimeProvider.System);

        var call = _peer.CallAsync(gateway.SipEndPoint, "13900139000");
        var channel = await SetupChannelAsync();
        await Command(string.Format(CultureInfo.InvariantCulture, clearing, channel));
        var response = await call.WaitAsync(s_timeout);

        Assert.Equal(status, response?.StatusCode);
        Assert.Equal(reason, response!.Headers["Reason"]);
    }

    private async Task<string> SetupChannelAsync()
    {
        var setup = await _farEnd.WaitForEventAsync("setup port=0", s_timeout, CancellationToken.None);
        var channel = setup.Split(' ').First(w => w.StartsWith("channel=", StringComparison.Ordinal));
        return channel["channel=".Length..];
    }

    private PstnGateway StartGateway(IPEndPoint target, TimeProvider time, IPEndPoint? fallback = null)
    {
        var options = new PstnGatewayOptions
        {
            Target = target,
            LocalFallback = fallback,
            LocalFallbackDid = fallback is null ? null : "900",
            PortDids = new Dictionary<int, string> { [1] = "100" },
        };
        var gateway = new PstnGateway(_card, s_router, options, _clock, _ports, time, Logger.None);
        gateway.Start();
        return gateway;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(s_timeout);
        while (!condition())
        {
            await Task.Delay(20, deadline.Token);
        }
    }

    private async Task<SimulatorReply> Command(string command)
    {
        var reply = await _farEnd.CommandAsync(command, CancellationToken.None);
        Assert.True(reply.Ok, $"{command}: {reply.Text}");
        return reply;
    }

    private static int UnusedUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private static MediaPortAllocator FreePortRange()
    {
        int start = 30000 + (Random.Shared.Next(0, 1000) * 20);
        return new MediaPortAllocator(start, start + 19);
    }
}
