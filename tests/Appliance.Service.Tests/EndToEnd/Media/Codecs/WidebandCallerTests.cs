using Appliance.Media.Tones;
using Appliance.Service.Tests.Support;

namespace Appliance.Service.Tests.EndToEnd.Media.Codecs;

/// <summary>
/// A wideband phone calls a G.711 agent: baresip offering only G.722 or only Opus dials the
/// demo DID and sends a 440 Hz sine; SIPp agent 1001 answers PCMU. The service must answer the
/// caller in its codec and transcode, and what arrives at the agent (read from a packet
/// capture) must be the tone, clean.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class WidebandCallerTests
{
    private const int ToneHz = 440;
    private static readonly TimeSpan s_callLength = TimeSpan.FromSeconds(16);

    [Theory]
    [Trait("Category", "Integration")]
    [InlineData("g722", 16000, "G722")]
    [InlineData("opus", 48000, "OPUS")]
    public async Task ToneFromAWidebandCallerArrivesCleanAtAG711Agent(string module, int sampleRateHz, string codec)
    {
        await using var service = await ApplianceProcess.StartAsync();
        var sipp = new SippRunner(service.Root);
        await using var capture = await PacketCapture.StartAsync(
            $"udp portrange {service.RtpPortMin}-{service.RtpPortMax}", service.Root);
        await using var agent = await new AgentPhones(sipp, service)
            .StartAsync("1001", "agent-answers.xml", TimeSpan.FromSeconds(60));

        await using var caller = BaresipCaller.Start(
            module,
            sampleRateHz,
            service.SipTarget,
            "100",
            ToneHz,
            s_callLength);
        // The demo IVR greets the caller and waits for 1 to put the call in the sales queue.
        var answered = await service.WaitForOutputAsync("entered IVR flow", TimeSpan.FromSeconds(20));
        await Task.Delay(TimeSpan.FromSeconds(2));
        await caller.PressAsync('1');
        var bridged = await service.WaitForOutputAsync("answered by agent 1001", TimeSpan.FromSeconds(30));
        var quit = await caller.WaitAsync(s_callLength + TimeSpan.FromSeconds(20));
        await agent.Peer.WaitAsync();
        var datagrams = await capture.StopAsync();

        var context = "\nbaresip:\n" + caller.Output + "\nService:\n" + service.Output;
        Assert.True(answered, "The call never reached the IVR." + context);
        Assert.True(bridged, "The call was never bridged to agent 1001." + context);
        Assert.True(quit, "baresip did not hang up." + context);
        Assert.Contains($"answered with {codec}", service.Output, StringComparison.Ordinal);
        var heard = RtpAudio.ReceivedAt(datagrams, agent.MediaPort);
        Assert.True(heard.Length > 3 * 8000, "The agent received under 3 s of G.711: "
            + RtpAudio.PayloadTypes(datagrams, agent.MediaPort) + context);

        // The last two seconds before the hang-up: the tone, steady, well above the noise.
        var tail = heard.AsSpan(heard.Length - (2 * 8000) - 2000, 2 * 8000);
        Assert.Equal(ToneHz, Goertzel.DominantFrequency(tail, 8000, 200, 3400, 5), 10.0);
        // Per 250 ms window, so that a frame lost on a loaded machine (a phase jump) spoils one
        // window rather than the whole fit; the median window must be clean.
        var windows = new List<double>();
        for (var start = 0; start + 2000 <= tail.Length; start += 2000)
        {
            windows.Add(SnrDb(tail.Slice(start, 2000), ToneHz));
        }

        windows.Sort();
        var snr = windows[windows.Count / 2];
        Assert.True(snr > 20, $"Median SNR of the tone at the agent is {snr:0.0} dB." + context);
    }

    // A least-squares sine at the tone's frequency against everything else in the samples.
    private static double SnrDb(ReadOnlySpan<short> samples, double frequencyHz)
    {
        double sinSum = 0;
        double cosSum = 0;
        for (var i = 0; i < samples.Length; i++)
        {
            var w = 2 * Math.PI * frequencyHz * i / 8000;
            sinSum += samples[i] * Math.Sin(w);
            cosSum += samples[i] * Math.Cos(w);
        }

        var a = 2 * sinSum / samples.Length;
        var b = 2 * cosSum / samples.Length;
        double signal = 0;
        double noise = 0;
        for (var i = 0; i < samples.Length; i++)
        {
            var w = 2 * Math.PI * frequencyHz * i / 8000;
            var fitted = (a * Math.Sin(w)) + (b * Math.Cos(w));
            signal += fitted * fitted;
            noise += (samples[i] - fitted) * (samples[i] - fitted);
        }

        return 10 * Math.Log10(signal / Math.Max(noise, 1e-9));
    }
}
