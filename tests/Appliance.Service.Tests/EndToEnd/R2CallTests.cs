using System.Globalization;
using System.Text.RegularExpressions;
using Appliance.Drivers.Simulation;
using Appliance.Service.Tests.Support;
using SQLite;

namespace Appliance.Service.Tests.EndToEnd;

/// <summary>
/// MFC/R2 spans in the real service: the simulated E1 runs openr2 on both ends of each timeslot,
/// so the exchange's seizure, the compelled MF digits and the CAS answer and clearing are real
/// R2 signalling. Inbound, the exchange calls DID 100, the caller presses 1 and a SIPp agent in
/// queue "sales" answers, tones cross both ways and the record names the span and channel.
/// Outbound, a SIPp caller on the gateway's SIP port is dialled over R2 and cleared by its BYE.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class R2CallTests
{
    private const double LineToneHz = 440;
    private const double AgentToneHz = 1000;
    private const int OneSecondOfWindows = 4;
    private const string Number = "13900139000";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    [Trait("Category", "Integration")]
    public async Task AnR2CallerReachesAgentThroughIvrAndQueueWithItsNumberAndTheRecordNamesSpanAndChannel()
    {
        string socket = Path.Combine(Path.GetTempPath(), $"sparkle-e2e-{Guid.NewGuid():N}.sock");
        await using var service = await ApplianceProcess.StartAsync(
            $"--Pstn:Card=sim:{socket}?e1=1&fxo=0&gsm=0",
            "--Pstn:Spans:0:Signalling=r2",
            "--Pstn:Spans:0:R2Variant=ITU",
            "--Pstn:Spans:0:MaxAni=11",
            "--Pstn:Spans:0:MaxDnis=3");
        var sipp = new SippRunner(service.Root);
        await using var capture = await PacketCapture.StartAsync(
            $"udp portrange {service.RtpPortMin}-{service.RtpPortMax}", service.Root);
        await using var agent = await new AgentPhones(sipp, service)
            .StartAsync("1001", "agent-answers.xml", TimeSpan.FromSeconds(40));
        await using var exchange = await SimulatedCardControl.ConnectAsync(socket, CancellationToken.None);
        await WaitForIdleLineAsync(exchange, "0 7");

        await Command(exchange, "call 0 13800138000 100 channel=7");
        await exchange.WaitForEventAsync("connect port=0 channel=7", s_timeout, CancellationToken.None);
        await Command(exchange, "tone 0 7 440");
        await Task.Delay(TimeSpan.FromSeconds(1));
        await Command(exchange, "digits 0 7 1");
        double lineHeardHz = await WaitForLineToneAsync(exchange, "0 7", AgentToneHz);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await Command(exchange, "hangup 0 7 16");
        var agentCall = await agent.Peer.WaitAsync();
        var datagrams = await capture.StopAsync();
        var cdr = await WaitForTrunkCdrAsync(service.DatabasePath, "e1-0");

        Assert.True(agentCall.ExitCode == 0, agentCall.Describe() + "\nService:\n" + service.Output);
        var agentInvite = agentCall.Received.First(m => m.StartsWith("INVITE ", StringComparison.Ordinal));
        Assert.Contains("13800138000", SippResult.Header(agentInvite, "From"), StringComparison.Ordinal);
        var heardByAgent = ToneAnalysis.WindowFrequencies(RtpAudio.ReceivedAt(datagrams, agent.MediaPort));
        Assert.True(
            ToneAnalysis.WindowsAt(heardByAgent, LineToneHz) >= OneSecondOfWindows,
            $"The agent did not hear the line's {LineToneHz} Hz: {ToneAnalysis.Describe(heardByAgent)}");
        Assert.InRange(lineHeardHz, AgentToneHz - 50, AgentToneHz + 50);
        Assert.NotNull(cdr);
        Assert.Equal("13800138000", cdr.CallerNumber);
        Assert.Equal("100", cdr.Did);
        Assert.Equal("1", cdr.IvrChoice);
        Assert.Equal("sales", cdr.Queue);
        Assert.Equal("1001", cdr.Agent);
        Assert.Equal("answered", cdr.Disposition);
        Assert.Equal("e1-0", cdr.TrunkPort);
        Assert.Equal(7, cdr.TrunkChannel);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task AnOutboundCallIsDialledOverR2AnsweredByTheExchangeAndClearedByTheCallersBye()
    {
        string socket = Path.Combine(Path.GetTempPath(), $"sparkle-e2e-{Guid.NewGuid():N}.sock");
        await using var service = await ApplianceProcess.StartAsync(
            $"--Pstn:Card=sim:{socket}?e1=1&fxo=0&gsm=0",
            "--Pstn:Spans:0:Signalling=r2",
            "--Pstn:Spans:0:MaxAni=0");
        var gateway = await GatewayEndPoint.PortAsync(service, s_timeout);
        await using var exchange = await SimulatedCardControl.ConnectAsync(socket, CancellationToken.None);
        await WaitForIdleLineAsync(exchange, "0 30");
        var sipp = new SippRunner(service.Root);

        await using var caller = sipp.Start("caller.xml", FreePorts.Sip(), TimeSpan.FromSeconds(40),
            $"127.0.0.1:{gateway}", "-s", Number, "-set", "talk", "2000", "-m", "1", "-mp", Media());
        var setup = await exchange.WaitForEventAsync("setup port=0", s_timeout, CancellationToken.None);
        var channel = SetupChannel().Match(setup).Groups[1].Value;
        await Command(exchange, $"answer 0 {channel}");
        var release = await exchange.WaitForEventAsync($"release port=0 channel={channel}", s_timeout,
            CancellationToken.None);
        var callerResult = await caller.WaitAsync();

        Assert.True(callerResult.ExitCode == 0, callerResult.Describe() + "\nService:\n" + service.Output);
        Assert.Equal("30", channel);
        Assert.Contains($"called={Number}", setup, StringComparison.Ordinal);
        Assert.Contains("category=National Subscriber", setup, StringComparison.Ordinal);
        Assert.Contains("cause=16", release, StringComparison.Ordinal);
        Assert.Contains(200, callerResult.ReceivedStatusCodes);
    }

    [Theory]
    [Trait("Category", "Integration")]
    [InlineData("--Pstn:Spans:0:Signalling=r1", "Pstn:Spans:0:Signalling", "r1")]
    [InlineData("--Pstn:Spans:0:R2Variant=XX", "Pstn:Spans:0:R2Variant", "XX")]
    [InlineData("--Pstn:Spans:0:MaxDnis=0", "Pstn:Spans:0:MaxDnis", "0")]
    [InlineData("--Pstn:Spans:0:Category=vip", "Pstn:Spans:0:Category", "vip")]
    [InlineData("--Pstn:Spans:0:Colour=red", "Pstn:Spans:0:Colour", "span setting")]
    public async Task ABadSpanSettingStopsStartupNamingTheKeyAndTheValue(string argument, string key, string value)
    {
        string socket = Path.Combine(Path.GetTempPath(), $"sparkle-e2e-{Guid.NewGuid():N}.sock");

        var (exitCode, output) = await ApplianceProcess.RunToExitAsync(
            TimeSpan.FromSeconds(20), $"--Pstn:Card=sim:{socket}?e1=1&fxo=0&gsm=0", argument);

        Assert.True(exitCode is not null and not 0, $"The service ran on with {argument}:\n{output}");
        Assert.Contains(key, output, StringComparison.Ordinal);
        Assert.Contains(value, output, StringComparison.Ordinal);
    }

    private static string Media() => FreePorts.Media().ToString(CultureInfo.InvariantCulture);

    private static async Task<SimulatorReply> Command(SimulatedCardControl exchange, string command)
    {
        var reply = await exchange.CommandAsync(command, CancellationToken.None);
        Assert.True(reply.Ok, $"{command}: {reply.Text}");
        return reply;
    }

    /// <summary>Waits until both ends of the line have exchanged the idle ABCD bits.</summary>
    private static async Task WaitForIdleLineAsync(SimulatedCardControl exchange, string portAndChannel)
    {
        var deadline = DateTime.UtcNow + s_timeout;
        while (!(await Command(exchange, "state " + portAndChannel)).Text.Contains(
                   "Idle rx=IDLE tx=IDLE ours=Idle", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "The R2 line never came idle");
            await Task.Delay(100);
        }
    }

    /// <summary>Polls the line's meter in half-second windows until the agent's tone is on it.</summary>
    private static async Task<double> WaitForLineToneAsync(
        SimulatedCardControl exchange,
        string portAndChannel,
        double wantedHz)
    {
        double last = 0;
        var deadline = DateTime.UtcNow + s_timeout;
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(0.5));
            var heard = await Command(exchange, "heard " + portAndChannel);
            last = double.Parse(heard.Value("hz")!, CultureInfo.InvariantCulture);
            if (Math.Abs(last - wantedHz) < 50)
            {
                return last;
            }
        }

        return last;
    }

    private static async Task<CdrSnapshot?> WaitForTrunkCdrAsync(string databasePath, string trunkPort)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var connection = new SQLiteConnection(databasePath, SQLiteOpenFlags.ReadOnly);
                var row = connection.Query<CdrSnapshot>("SELECT * FROM Cdr WHERE TrunkPort = ?", trunkPort)
                    .FirstOrDefault();
                if (row is not null)
                {
                    return row;
                }
            }
            catch (SQLiteException)
            {
                // The table is not written yet.
            }

            await Task.Delay(200);
        }

        return null;
    }

    [GeneratedRegex(@"channel=(\d+)")]
    private static partial Regex SetupChannel();
}
