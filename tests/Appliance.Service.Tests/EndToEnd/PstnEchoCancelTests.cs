using System.Globalization;
using Appliance.Drivers.Simulation;
using Appliance.Service.Tests.Support;
using Xunit.Abstractions;

namespace Appliance.Service.Tests.EndToEnd;

/// <summary>
/// The echo an FXO line returns, as the agent hears it. The simulated line's hybrid sends back
/// what the box puts on it, 4 ms later and 9 dB down; a SIPp agent answering an FXO caller talks
/// (speech-like noise) and the RTP it receives is captured. With <c>Pstn:Fxo:0:EchoCancel</c>
/// off the agent hears its own voice; with it on (the default) the card takes it out.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PstnEchoCancelTests(ITestOutputHelper output)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    [Trait("Category", "Integration")]
    public async Task AnAgentOnAnFxoCallHearsItsOwnVoiceTwentyDecibelsQuieterWithTheCancellerOn()
    {
        SpeechLikeAudio.EnsureWritten();

        double echoOff = await AgentEchoPowerAsync("--Pstn:Fxo:0:EchoCancel=off");
        double echoOn = await AgentEchoPowerAsync("--Pstn:Fxo:0:EchoTailMs=128");

        double quieterDb = 10 * Math.Log10(echoOff / Math.Max(echoOn, 1));
        output.WriteLine($"Echo power heard by the agent: {echoOff:F0} off, {echoOn:F0} on, {quieterDb:F1} dB");
        Assert.True(echoOff > 1e4, $"Without the canceller the agent heard almost no echo ({echoOff:F0})");
        Assert.True(quieterDb >= 20, $"The canceller took {quieterDb:F1} dB off the agent's echo");
    }

    /// <summary>
    /// One FXO call with caller ID, 1 pressed into queue sales, answered by the agent, which
    /// talks for five seconds with the exchange silent; the mean power of what the agent heard
    /// from the third second of its speech on.
    /// </summary>
    private static async Task<double> AgentEchoPowerAsync(string echoSetting)
    {
        string socket = Path.Combine(Path.GetTempPath(), $"sparkle-e2e-{Guid.NewGuid():N}.sock");
        await using var service = await ApplianceProcess.StartAsync(
            $"--Pstn:Card=sim:{socket}?e1=0&fxo=1&gsm=0", "--Pstn:LineDid=100", echoSetting);
        var sipp = new SippRunner(service.Root);
        await using var capture = await PacketCapture.StartAsync(
            $"udp portrange {service.RtpPortMin}-{service.RtpPortMax}", service.Root);
        await using var agent = await new AgentPhones(sipp, service)
            .StartAsync("1001", "agent-answers-speech.xml", TimeSpan.FromSeconds(60));
        await using var exchange = await SimulatedCardControl.ConnectAsync(socket, CancellationToken.None);

        await Command(exchange, "call 0 13800138000 0 cid=bell202 ring=500 pause=1000");
        await exchange.WaitForEventAsync("connect port=0 channel=1", s_timeout, CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(1));
        await Command(exchange, "digits 0 1 1");
        await WaitForAgentToneOnLineAsync(exchange);
        await Task.Delay(TimeSpan.FromSeconds(5));
        await Command(exchange, "hangup 0 1");
        var agentCall = await agent.Peer.WaitAsync();
        var datagrams = await capture.StopAsync();

        Assert.True(agentCall.ExitCode == 0, agentCall.Describe() + "\nService:\n" + service.Output);
        var heard = RtpAudio.ReceivedAt(datagrams, agent.MediaPort);
        int from = (int)((SpeechLikeAudio.ToneSeconds + 2) * 8000);
        int to = Math.Min(heard.Length, from + (2 * 8000));
        Assert.True(to - from >= 8000, $"The agent heard only {heard.Length / 8000.0:F1} s of audio");
        double energy = 0;
        for (int n = from; n < to; n++)
        {
            energy += (double)heard[n] * heard[n];
        }
        return energy / (to - from);
    }

    /// <summary>The agent's stream opens with 1000 Hz: once the line hears it, the agent is
    /// through and its speech follows.</summary>
    private static async Task WaitForAgentToneOnLineAsync(SimulatedCardControl exchange)
    {
        var deadline = DateTime.UtcNow + s_timeout;
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(0.25));
            var heard = await Command(exchange, "heard 0 1");
            if (Math.Abs(double.Parse(heard.Value("hz")!, CultureInfo.InvariantCulture) - 1000) < 50)
            {
                return;
            }
        }

        Assert.Fail("The line never heard the agent's 1000 Hz");
    }

    private static async Task<SimulatorReply> Command(SimulatedCardControl exchange, string command)
    {
        var reply = await exchange.CommandAsync(command, CancellationToken.None);
        Assert.True(reply.Ok, $"{command}: {reply.Text}");
        return reply;
    }
}
