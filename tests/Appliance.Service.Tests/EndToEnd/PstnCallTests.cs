using System.Globalization;
using Appliance.Drivers.Simulation;
using Appliance.Service.Tests.Support;
using SQLite;

namespace Appliance.Service.Tests.EndToEnd;

/// <summary>
/// Calls from the simulated exchange into the real service. Over an E1 (real Q.931 through libpri
/// on both sides) and over an FXO line (caller ID only as FSK audio between the rings), DID 100
/// reaches the demo IVR, the caller presses 1 on the line, and a SIPp agent in queue "sales"
/// answers; tones cross both ways and the call record names the port and channel.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PstnCallTests
{
    private const double LineToneHz = 440;
    private const double AgentToneHz = 1000;
    private const int OneSecondOfWindows = 4;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    [Trait("Category", "Integration")]
    public async Task PriCallerReachesAgentThroughIvrAndQueueAndTheRecordNamesSpanAndChannel()
    {
        string socket = Path.Combine(Path.GetTempPath(), $"sparkle-e2e-{Guid.NewGuid():N}.sock");
        await using var service = await ApplianceProcess.StartAsync($"--Pstn:Card=sim:{socket}?e1=1&fxo=0&gsm=0");
        var sipp = new SippRunner(service.Root);
        await using var capture = await PacketCapture.StartAsync(
            $"udp portrange {service.RtpPortMin}-{service.RtpPortMax}", service.Root);
        await using var agent = await new AgentPhones(sipp, service)
            .StartAsync("1001", "agent-answers.xml", TimeSpan.FromSeconds(40));
        await using var exchange = await SimulatedCardControl.ConnectAsync(socket, CancellationToken.None);
        await SimulatedSpan.WaitInServiceAsync(exchange, "e1-0:30", s_timeout);

        var call = await Command(exchange, "call 0 13800138000 100 channel=7");
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

        Assert.Equal("7", call.Value("channel"));
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
        Assert.NotNull(cdr.RecordingFile);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task FxoCallerWithFskCallerIdReachesAgentAndTheRecordHasTheNumberAndPort()
    {
        string socket = Path.Combine(Path.GetTempPath(), $"sparkle-e2e-{Guid.NewGuid():N}.sock");
        await using var service = await ApplianceProcess.StartAsync(
            $"--Pstn:Card=sim:{socket}?e1=0&fxo=1&gsm=0", "--Pstn:LineDid=100");
        var sipp = new SippRunner(service.Root);
        await using var capture = await PacketCapture.StartAsync(
            $"udp portrange {service.RtpPortMin}-{service.RtpPortMax}", service.Root);
        await using var agent = await new AgentPhones(sipp, service)
            .StartAsync("1001", "agent-answers.xml", TimeSpan.FromSeconds(40));
        await using var exchange = await SimulatedCardControl.ConnectAsync(socket, CancellationToken.None);

        await Command(exchange, "call 0 13800138000 0 cid=bell202 ring=500 pause=1000");
        await exchange.WaitForEventAsync("connect port=0 channel=1", s_timeout, CancellationToken.None);
        await Command(exchange, "tone 0 1 440");
        await Task.Delay(TimeSpan.FromSeconds(1));
        await Command(exchange, "digits 0 1 1");
        double lineHeardHz = await WaitForLineToneAsync(exchange, "0 1", AgentToneHz);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await Command(exchange, "tone 0 1 450 350 350");
        var release = await exchange.WaitForEventAsync("release port=0 channel=1", s_timeout,
            CancellationToken.None);
        var agentCall = await agent.Peer.WaitAsync();
        var datagrams = await capture.StopAsync();
        var cdr = await WaitForTrunkCdrAsync(service.DatabasePath, "fxo-0");

        Assert.Contains("cause=16", release, StringComparison.Ordinal);
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
        Assert.Equal("sales", cdr.Queue);
        Assert.Equal("1001", cdr.Agent);
        Assert.Equal("answered", cdr.Disposition);
        Assert.Equal("fxo-0", cdr.TrunkPort);
        Assert.Equal(1, cdr.TrunkChannel);
    }

    [Theory]
    [Trait("Category", "Integration")]
    [InlineData("--Pstn:Card=sim:/tmp/bad-card.sock?e1=abc", "Pstn:Card", "option e1 'abc' is not a whole")]
    [InlineData("--Pstn:Card=sim:/tmp/bad-card.sock?e1=1&colour=red", "Pstn:Card", "option 'colour'")]
    public async Task ABadCardUriStopsStartupNamingTheOption(
        string argument,
        string key,
        string value)
    {
        string socket = Path.Combine(Path.GetTempPath(), $"sparkle-e2e-{Guid.NewGuid():N}.sock");

        var (exitCode, output) = await ApplianceProcess.RunToExitAsync(
            TimeSpan.FromSeconds(20), $"--Pstn:Card=sim:{socket}?e1=1&fxo=1&gsm=1", argument);

        Assert.True(exitCode is not null and not 0, $"The service ran on with {argument}:\n{output}");
        Assert.Contains(key, output, StringComparison.Ordinal);
        Assert.Contains(value, output, StringComparison.Ordinal);
    }

    private static async Task<SimulatorReply> Command(SimulatedCardControl exchange, string command)
    {
        var reply = await exchange.CommandAsync(command, CancellationToken.None);
        Assert.True(reply.Ok, $"{command}: {reply.Text}");
        return reply;
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
}
