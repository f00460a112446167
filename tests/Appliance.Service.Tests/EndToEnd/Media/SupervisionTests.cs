using System.Globalization;
using Appliance.Media.Tones;
using Appliance.Service.Tests.Support;

namespace Appliance.Service.Tests.EndToEnd.Media;

/// <summary>
/// A supervisor joins a bridged call from the desk phone: a SIPp caller (440 Hz) reaches SIPp
/// agent 1001 (1000 Hz); extension 1003, configured in <c>Telephony:Supervisors</c>, dials
/// *811001, then *821001, then *831001, each time sending 1800 Hz for 3 s and hanging up. What
/// each phone received is read from a packet capture and checked window by window (250 ms) for
/// the power of each tone.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class SupervisionTests
{
    private const double CallerToneHz = 440;
    private const double AgentToneHz = 1000;
    private const double SupervisorToneHz = 1800;
    private const int WindowSamples = ToneAnalysis.SampleRateHz / 4;

    // The tones are sent at -6 dBFS (power 0.25); -30 dBFS counts as heard.
    private const double HeardPower = 0.001;

    // A second of windows, where a supervisor stays about three.
    private const int OneSecondOfWindows = 4;

    private static readonly TimeSpan s_supervisorTalk = TimeSpan.FromSeconds(3);

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ListeningSupervisorIsUnheardWhisperReachesTheAgentOnlyAndBargeReachesBoth()
    {
        await using var service = await ApplianceProcess.StartAsync("--Telephony:Supervisors=1003");
        var sipp = new SippRunner(service.Root);
        await using var capture = await PacketCapture.StartAsync(
            $"udp portrange {service.RtpPortMin}-{service.RtpPortMax}", service.Root);
        await using var agent = await new AgentPhones(sipp, service)
            .StartAsync("1001", "agent-answers.xml", TimeSpan.FromSeconds(60));
        var callerMediaPort = FreePorts.Media();
        var listenMediaPort = FreePorts.Media();
        var whisperMediaPort = FreePorts.Media();
        var bargeMediaPort = FreePorts.Media();
        var callId = $"e2e-supervised-{Guid.NewGuid():N}";

        var caller = sipp.Start(
            "caller.xml",
            FreePorts.Sip(),
            TimeSpan.FromSeconds(60),
            service.SipTarget,
            "-s", "100",
            "-set", "talk", "20000",
            "-cid_str", callId,
            "-mp", callerMediaPort.ToString(CultureInfo.InvariantCulture),
            "-m", "1");
        var bridged = await service.WaitForOutputAsync("answered by agent 1001", TimeSpan.FromSeconds(20));
        var listenFrom = DateTimeOffset.UtcNow;
        var listen = await Supervise(sipp, service, "*811001", listenMediaPort).WaitAsync();
        var listenTo = DateTimeOffset.UtcNow;
        var whisper = await Supervise(sipp, service, "*821001", whisperMediaPort).WaitAsync();
        var whisperTo = DateTimeOffset.UtcNow;
        var barge = await Supervise(sipp, service, "*831001", bargeMediaPort).WaitAsync();
        var bargeTo = DateTimeOffset.UtcNow;
        var callerResult = await caller.WaitAsync();
        await agent.Peer.WaitAsync();
        var datagrams = await capture.StopAsync();

        Assert.True(bridged, "The call was never bridged to agent 1001.\nService:\n" + service.Output);
        Assert.True(listen.ExitCode == 0, listen.Describe() + "\nService:\n" + service.Output);
        Assert.True(whisper.ExitCode == 0, whisper.Describe() + "\nService:\n" + service.Output);
        Assert.True(barge.ExitCode == 0, barge.Describe() + "\nService:\n" + service.Output);
        Assert.True(callerResult.ExitCode == 0, callerResult.Describe() + "\nService:\n" + service.Output);
        Assert.Contains("joined agent 1001 in Listen mode", service.Output, StringComparison.Ordinal);
        Assert.Contains("joined agent 1001 in Whisper mode", service.Output, StringComparison.Ordinal);
        Assert.Contains("joined agent 1001 in Talk mode", service.Output, StringComparison.Ordinal);

        var heardByListener = RtpAudio.ReceivedAt(datagrams, listenMediaPort);
        AssertHeard(heardByListener, CallerToneHz, "the listening supervisor");
        AssertHeard(heardByListener, AgentToneHz, "the listening supervisor");

        var callerBeforeBarge = RtpAudio.ReceivedAt(
            datagrams.Where(d => d.Timestamp >= listenFrom && d.Timestamp <= whisperTo), callerMediaPort);
        var callerDuringBarge = RtpAudio.ReceivedAt(
            datagrams.Where(d => d.Timestamp >= whisperTo && d.Timestamp <= bargeTo), callerMediaPort);
        AssertHeard(callerBeforeBarge, AgentToneHz, "the caller");
        AssertNotHeard(callerBeforeBarge, SupervisorToneHz, "the caller (listen and whisper)");
        AssertHeard(callerDuringBarge, SupervisorToneHz, "the caller during barge");
        AssertHeard(callerDuringBarge, AgentToneHz, "the caller during barge");

        var agentDuringListen = RtpAudio.ReceivedAt(
            datagrams.Where(d => d.Timestamp >= listenFrom && d.Timestamp <= listenTo), agent.MediaPort);
        var agentDuringWhisper = RtpAudio.ReceivedAt(
            datagrams.Where(d => d.Timestamp >= listenTo && d.Timestamp <= whisperTo), agent.MediaPort);
        AssertHeard(agentDuringListen, CallerToneHz, "the agent during listen");
        AssertNotHeard(agentDuringListen, SupervisorToneHz, "the agent during listen");
        AssertHeard(agentDuringWhisper, SupervisorToneHz, "the agent during whisper");
        AssertHeard(agentDuringWhisper, CallerToneHz, "the agent during whisper");
        var heardByBarger = RtpAudio.ReceivedAt(datagrams, bargeMediaPort);
        AssertHeard(heardByBarger, CallerToneHz, "the barging supervisor");
        AssertHeard(heardByBarger, AgentToneHz, "the barging supervisor");
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task AnExtensionThatIsNotASupervisorIsRefused()
    {
        await using var service = await ApplianceProcess.StartAsync("--Telephony:Supervisors=1003");
        var sipp = new SippRunner(service.Root);
        var mediaPort = FreePorts.Media();
        await using var capture = await PacketCapture.StartAsync($"udp port {mediaPort}", service.Root);

        var result = await sipp.Start(
            "agent-feature-code.xml",
            FreePorts.Sip(),
            TimeSpan.FromSeconds(30),
            service.SipTarget,
            "-s", "*811001",
            "-key", "agent", "1002",
            "-au", "1002",
            "-ap", "sparkle-1002",
            "-auth_uri", $"*811001@{service.SipTarget}",
            "-mp", mediaPort.ToString(CultureInfo.InvariantCulture),
            "-m", "1").WaitAsync();
        var datagrams = await capture.StopAsync();

        Assert.True(result.ExitCode == 0, result.Describe() + "\nService:\n" + service.Output);
        Assert.Contains(
            "1002 dialled *811001 but is not a supervisor", service.Output, StringComparison.Ordinal);
        var expected = PromptAudio.Read("feature-refused");
        var heard = RtpAudio.ReceivedAt(datagrams, mediaPort);
        Assert.True(
            PromptAudio.CountWholePlays(heard, expected, Appliance.Media.Codecs.AudioCodec.Pcmu) == 1,
            "The refused prompt was not heard once.");
    }

    private static SippPeer Supervise(SippRunner sipp, ApplianceProcess service, string code, int mediaPort) =>
        sipp.Start(
            "supervisor.xml",
            FreePorts.Sip(),
            TimeSpan.FromSeconds(30),
            service.SipTarget,
            "-s", code,
            "-key", "agent", "1003",
            "-au", "1003",
            "-ap", "sparkle-1003",
            "-auth_uri", $"{code}@{service.SipTarget}",
            "-set", "talk", ((int)s_supervisorTalk.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
            "-mp", mediaPort.ToString(CultureInfo.InvariantCulture),
            "-m", "1");

    private static void AssertHeard(short[] audio, double frequencyHz, string who)
    {
        var powers = Powers(audio, frequencyHz);
        Assert.True(
            powers.Count(p => p >= HeardPower) >= OneSecondOfWindows,
            $"{who} did not hear {frequencyHz} Hz: {Describe(powers)}");
    }

    private static void AssertNotHeard(short[] audio, double frequencyHz, string who)
    {
        var powers = Powers(audio, frequencyHz);
        Assert.True(audio.Length >= WindowSamples * OneSecondOfWindows, $"{who} received almost no audio");
        Assert.True(
            powers.All(p => p < HeardPower),
            $"{who} heard {frequencyHz} Hz: {Describe(powers)}");
    }

    private static List<double> Powers(short[] audio, double frequencyHz)
    {
        var powers = new List<double>();
        for (var start = 0; start + WindowSamples <= audio.Length; start += WindowSamples)
        {
            var window = audio.AsSpan(start, WindowSamples);
            powers.Add(Goertzel.Power(window, ToneAnalysis.SampleRateHz, frequencyHz));
        }

        return powers;
    }

    private static string Describe(List<double> powers) =>
        string.Join(' ', powers.Select(p =>
            (10 * Math.Log10(Math.Max(p, 1e-9))).ToString("0", CultureInfo.InvariantCulture)))
        + " dB per 250 ms window";
}
