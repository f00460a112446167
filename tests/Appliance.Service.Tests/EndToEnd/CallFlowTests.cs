using System.Globalization;
using Appliance.Media.Codecs;
using Appliance.Service.Tests.Support;

namespace Appliance.Service.Tests.EndToEnd;

/// <summary>
/// Whole calls through the real service: a SIPp caller on the loopback trunk dials DID 100 (IVR
/// "main"), presses 1 (queue "sales") with RFC 4733 or nothing at all, and SIPp agents registered
/// as demo extensions take, miss, lose or end the call, or none is there to take it. The service's own
/// lifecycle crosses calls too: a graceful stop ends the calls in progress, and agents stay registered
/// across a restart on the same data folder.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CallFlowTests
{
    private const string CallerNumber = "5551234";
    private const double CallerToneHz = 440;
    private const double AgentToneHz = 1000;

    // Four 250 ms windows: a second of the tone, where a call talks for about three.
    private const int OneSecondOfWindows = 4;

    // The demo seed's menu "main": 5 s to press a digit, offered again twice before the default queue.
    private const int DemoMenuRepeats = 2;
    private static readonly TimeSpan s_demoDigitTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    [Trait("Category", "Integration")]
    public async Task CallerReachesAgentThroughIvrAndBothHearEachOther()
    {
        await using var service = await ApplianceProcess.StartAsync();
        var sipp = new SippRunner(service.Root);
        await using var capture = await PacketCapture.StartAsync(
            $"udp portrange {service.RtpPortMin}-{service.RtpPortMax}", service.Root);
        await using var agent = await new AgentPhones(sipp, service)
            .StartAsync("1001", "agent-answers.xml", TimeSpan.FromSeconds(30));
        var callerMediaPort = FreePorts.Media();
        var callId = $"e2e-answered-{Guid.NewGuid():N}";

        var caller = await StartCaller(sipp, service, callId, callerMediaPort, TimeSpan.FromSeconds(4)).WaitAsync();
        var agentCall = await agent.Peer.WaitAsync();
        var datagrams = await capture.StopAsync();
        var cdr = await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(5));

        Assert.True(caller.ExitCode == 0, caller.Describe() + "\nService:\n" + service.Output);
        Assert.True(agentCall.ExitCode == 0, agentCall.Describe() + "\nService:\n" + service.Output);
        Assert.Equal(200, caller.ReceivedStatusCodes.First(code => code >= 200));
        Assert.Equal(200, caller.ReceivedStatusCodes[^1]);
        var agentInvite = agentCall.Received.First(m => m.StartsWith("INVITE ", StringComparison.Ordinal));
        Assert.StartsWith($"INVITE sip:1001@127.0.0.1:{agent.SipPort}", agentInvite, StringComparison.Ordinal);
        Assert.Contains(CallerNumber, SippResult.Header(agentInvite, "From"), StringComparison.Ordinal);
        Assert.Contains("1001", SippResult.Header(agentInvite, "To"), StringComparison.Ordinal);
        Assert.Equal(["INVITE", "ACK", "BYE"], agentCall.ReceivedRequestLines.Select(l => l.Split(' ')[0]).Distinct());

        var heardByCaller = ToneAnalysis.WindowFrequencies(RtpAudio.ReceivedAt(datagrams, callerMediaPort));
        var heardByAgent = ToneAnalysis.WindowFrequencies(RtpAudio.ReceivedAt(datagrams, agent.MediaPort));
        Assert.True(
            ToneAnalysis.WindowsAt(heardByCaller, AgentToneHz) >= OneSecondOfWindows,
            $"The caller did not hear the agent's {AgentToneHz} Hz: {ToneAnalysis.Describe(heardByCaller)} "
            + $"(payload types {RtpAudio.PayloadTypes(datagrams, callerMediaPort)})");
        Assert.True(
            ToneAnalysis.WindowsAt(heardByAgent, CallerToneHz) >= OneSecondOfWindows,
            $"The agent did not hear the caller's {CallerToneHz} Hz: {ToneAnalysis.Describe(heardByAgent)} "
            + $"(payload types {RtpAudio.PayloadTypes(datagrams, agent.MediaPort)})");
        Assert.True(
            ToneAnalysis.WindowsAt(heardByAgent, AgentToneHz) == 0,
            $"The agent heard its own tone back: {ToneAnalysis.Describe(heardByAgent)}");

        Assert.NotNull(cdr);
        Assert.Equal(CallerNumber, cdr.CallerNumber);
        Assert.Equal("100", cdr.Did);
        Assert.Equal("1", cdr.IvrChoice);
        Assert.Equal("sales", cdr.Queue);
        Assert.Equal("1001", cdr.Agent);
        Assert.Equal("answered", cdr.Disposition);
        Assert.InRange(cdr.WaitSeconds, 0, 3);
        Assert.InRange(cdr.TalkSeconds, 1, 6);
        var arrived = ParseUtc(cdr.ArrivedUtc);
        var answered = ParseUtc(cdr.AnsweredUtc);
        var ended = ParseUtc(cdr.EndedUtc);
        Assert.True(arrived <= answered && answered <= ended, cdr.ToString());

        Assert.False(string.IsNullOrEmpty(cdr.RecordingFile), cdr.ToString());
        var recordingPath = Path.Combine(service.DataDirectory, cdr.RecordingFile);
        Assert.True(File.Exists(recordingPath), $"No recording at {recordingPath}. {cdr}");
        var (left, right) = StereoWav.Read(recordingPath);
        var leftTones = ToneAnalysis.WindowFrequencies(left);
        var rightTones = ToneAnalysis.WindowFrequencies(right);
        Assert.True(
            ToneAnalysis.WindowsAt(leftTones, CallerToneHz) >= OneSecondOfWindows
                && ToneAnalysis.WindowsAt(leftTones, AgentToneHz) == 0,
            $"The left (caller) channel should hold {CallerToneHz} Hz only: {ToneAnalysis.Describe(leftTones)}");
        Assert.True(
            ToneAnalysis.WindowsAt(rightTones, AgentToneHz) >= OneSecondOfWindows
                && ToneAnalysis.WindowsAt(rightTones, CallerToneHz) == 0,
            $"The right (agent) channel should hold {AgentToneHz} Hz only: {ToneAnalysis.Describe(rightTones)}");
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task CallerHangingUpWhileQueuedCancelsAgentLegAndIsAbandoned()
    {
        await using var service = await ApplianceProcess.StartAsync();
        var sipp = new SippRunner(service.Root);
        await using var agent = await new AgentPhones(sipp, service)
            .StartAsync("1001", "agent-rings.xml", TimeSpan.FromSeconds(30));
        var callId = $"e2e-abandoned-{Guid.NewGuid():N}";

        var caller = await StartCaller(sipp, service, callId, FreePorts.Media(), TimeSpan.FromSeconds(2)).WaitAsync();
        var agentCall = await agent.Peer.WaitAsync();
        var cdr = await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(5));

        Assert.True(caller.ExitCode == 0, caller.Describe() + "\nService:\n" + service.Output);
        Assert.True(agentCall.ExitCode == 0, Why("The agent leg was not cancelled.", agentCall, service));
        Assert.Contains(
            agentCall.ReceivedRequestLines, l => l.StartsWith("CANCEL sip:1001@", StringComparison.Ordinal));
        Assert.NotNull(cdr);
        Assert.Equal("abandoned", cdr.Disposition);
        Assert.Equal("sales", cdr.Queue);
        Assert.Equal("1", cdr.IvrChoice);
        Assert.Null(cdr.AnsweredUtc);
        Assert.Equal(0, cdr.TalkSeconds);
    }

    /// <remarks>
    /// Agent 1001 registers two phones (two Contacts on other ports): the offer rings both at once,
    /// one answers and the other, still ringing, is cancelled (its scenario exits 0 only on CANCEL).
    /// </remarks>
    [Fact]
    [Trait("Category", "Integration")]
    public async Task AgentOnTwoPhonesIsRungOnBothAndTheOtherIsCancelledWhenOneAnswers()
    {
        await using var service = await ApplianceProcess.StartAsync();
        var sipp = new SippRunner(service.Root);
        await using var capture = await PacketCapture.StartAsync(
            $"udp portrange {service.RtpPortMin}-{service.RtpPortMax}", service.Root);
        var phones = new AgentPhones(sipp, service);
        await using var deskPhone = await phones.StartAsync("1001", "agent-rings.xml", TimeSpan.FromSeconds(30));
        await using var softPhone = await phones.StartAsync("1001", "agent-answers.xml", TimeSpan.FromSeconds(30));
        var callerMediaPort = FreePorts.Media();
        var callId = $"e2e-forked-{Guid.NewGuid():N}";

        var caller = await StartCaller(sipp, service, callId, callerMediaPort, TimeSpan.FromSeconds(4)).WaitAsync();
        var ringing = await deskPhone.Peer.WaitAsync();
        var answering = await softPhone.Peer.WaitAsync();
        var datagrams = await capture.StopAsync();
        var cdr = await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(5));

        Assert.True(caller.ExitCode == 0, caller.Describe() + "\nService:\n" + service.Output);
        Assert.True(answering.ExitCode == 0, Why("The answering phone failed.", answering, service));
        Assert.True(ringing.ExitCode == 0, Why("The other phone was not cancelled.", ringing, service));
        Assert.Equal(
            ["INVITE", "CANCEL", "ACK"], ringing.ReceivedRequestLines.Select(l => l.Split(' ')[0]).Distinct());
        Assert.Equal(["INVITE", "ACK", "BYE"], answering.ReceivedRequestLines.Select(l => l.Split(' ')[0]).Distinct());
        var heardByCaller = ToneAnalysis.WindowFrequencies(RtpAudio.ReceivedAt(datagrams, callerMediaPort));
        Assert.True(
            ToneAnalysis.WindowsAt(heardByCaller, AgentToneHz) >= OneSecondOfWindows,
            $"The caller did not hear the answering phone's {AgentToneHz} Hz: {ToneAnalysis.Describe(heardByCaller)}");
        Assert.NotNull(cdr);
        Assert.Equal("1001", cdr.Agent);
        Assert.Equal("answered", cdr.Disposition);
    }

    /// <remarks>
    /// The service is started with Demo:RingTimeout=00:00:05 instead of the demo's 15 s to keep the
    /// suite short; the behaviour under test is "ring timeout expired", whatever its length. Agent 1001
    /// registers first, so it has been idle longest and is rung first (queue strategy LongestIdle).
    /// </remarks>
    [Fact]
    [Trait("Category", "Integration")]
    public async Task UnansweredAgentIsReplacedByTheNextAgent()
    {
        var ringTimeout = TimeSpan.FromSeconds(5);
        await using var service = await ApplianceProcess.StartAsync($"--Demo:RingTimeout={ringTimeout:c}");
        var sipp = new SippRunner(service.Root);
        var phones = new AgentPhones(sipp, service);
        await using var silentAgent = await phones.StartAsync("1001", "agent-rings.xml", TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        await using var answeringAgent = await phones.StartAsync("1002", "agent-answers.xml", TimeSpan.FromSeconds(30));
        var callId = $"e2e-next-agent-{Guid.NewGuid():N}";

        var talk = ringTimeout + TimeSpan.FromSeconds(4);
        var caller = await StartCaller(sipp, service, callId, FreePorts.Media(), talk).WaitAsync();
        var silent = await silentAgent.Peer.WaitAsync();
        var answering = await answeringAgent.Peer.WaitAsync();
        var cdr = await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(5));

        Assert.True(caller.ExitCode == 0, caller.Describe() + "\nService:\n" + service.Output);
        Assert.True(silent.ExitCode == 0, Why("1001 was not rung and cancelled.", silent, service));
        Assert.True(answering.ExitCode == 0, Why("1002 did not get the call.", answering, service));
        Assert.NotNull(cdr);
        Assert.Equal("answered", cdr.Disposition);
        Assert.Equal("1002", cdr.Agent);
        Assert.InRange(cdr.WaitSeconds, (int)ringTimeout.TotalSeconds - 1, (int)ringTimeout.TotalSeconds + 3);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task AgentHangingUpEndsTheCallersLeg()
    {
        var talk = TimeSpan.FromSeconds(3);
        await using var service = await ApplianceProcess.StartAsync();
        var sipp = new SippRunner(service.Root);
        var timeout = TimeSpan.FromSeconds(30);
        await using var agent = await new AgentPhones(sipp, service)
            .StartAsync("1001", "agent-answers-hangs-up.xml", timeout, "-set", "talk", Milliseconds(talk));
        var callId = $"e2e-agent-hangs-up-{Guid.NewGuid():N}";

        var caller = await StartCallerUntilBye(
            sipp, service, "caller-until-bye.xml", callId, FreePorts.Media(), timeout).WaitAsync();
        var agentCall = await agent.Peer.WaitAsync();
        var cdr = await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(5));

        Assert.True(caller.ExitCode == 0, Why("The caller got no BYE it could answer.", caller, service));
        Assert.True(agentCall.ExitCode == 0, Why("The agent's BYE was not answered.", agentCall, service));
        Assert.Equal([200], agentCall.ReceivedStatusCodes);
        var bye = caller.Received.Single(m => m.StartsWith("BYE ", StringComparison.Ordinal));
        // RFC 3261 §12.2.1.1: a request inside the caller's dialog goes to its Contact, with its tags.
        Assert.StartsWith($"BYE sip:{CallerNumber}@127.0.0.1:", bye, StringComparison.Ordinal);
        Assert.Equal(callId, SippResult.Header(bye, "Call-ID"));
        Assert.Contains("SIPpTag00", SippResult.Header(bye, "To"), StringComparison.Ordinal);
        Assert.NotNull(cdr);
        Assert.Equal("answered", cdr.Disposition);
        Assert.Equal("1001", cdr.Agent);
        Assert.Equal("sales", cdr.Queue);
        Assert.InRange(cdr.TalkSeconds, (int)talk.TotalSeconds - 1, (int)talk.TotalSeconds + 1);
        Assert.False(string.IsNullOrEmpty(cdr.RecordingFile), cdr.ToString());
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task CallToQueueWithNoAgentLoggedInHearsApologyAndIsRecordedNoAgent()
    {
        await using var service = await ApplianceProcess.StartAsync();
        var sipp = new SippRunner(service.Root);
        var callerMediaPort = FreePorts.Media();
        await using var capture = await PacketCapture.StartAsync($"udp port {callerMediaPort}", service.Root);
        var callId = $"e2e-no-agent-{Guid.NewGuid():N}";

        var caller = await StartCallerUntilBye(
            sipp, service, "caller-until-bye.xml", callId, callerMediaPort, TimeSpan.FromSeconds(30))
            .WaitAsync();
        var datagrams = await capture.StopAsync();
        var cdr = await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(5));
        var heard = RtpAudio.ReceivedAt(datagrams, callerMediaPort);

        Assert.True(caller.ExitCode == 0, Why("The service did not hang up on the caller.", caller, service));
        Assert.Contains(caller.ReceivedRequestLines, l => l.StartsWith("BYE ", StringComparison.Ordinal));
        var noAgent = PromptAudio.Read("noagent");
        Assert.True(
            PromptAudio.CountWholePlays(heard, noAgent, AudioCodec.Pcmu) == 1,
            "The caller did not hear the noagent prompt once, whole, before the BYE: "
            + $"{PromptAudio.DescribeBestMatch(heard, noAgent, AudioCodec.Pcmu)} "
            + $"(payload types {RtpAudio.PayloadTypes(datagrams, callerMediaPort)}).");
        Assert.NotNull(cdr);
        Assert.Equal("no-agent", cdr.Disposition);
        Assert.Equal("sales", cdr.Queue);
        Assert.Equal("1", cdr.IvrChoice);
        Assert.Null(cdr.Agent);
        Assert.Null(cdr.AnsweredUtc);
        Assert.Equal(0, cdr.TalkSeconds);
        Assert.True(string.IsNullOrEmpty(cdr.RecordingFile), cdr.ToString());
    }

    /// <remarks>
    /// Runs on the demo menu's own timing, about 52 s, the longest test of the suite: welcome, menu and
    /// the language offer (10.3 s) then 5 s for a digit, twice the invalid prompt and the menu's
    /// prompts again (13.4 s, for the menu "main" opens with welcome, which is repeated too) then 5 s,
    /// before the call goes to the default queue. The demo seed has no shorter digit timeout to ask
    /// for. Whether welcome belongs in
    /// the repeats is the menu's business, so the test takes either and checks the time against the
    /// prompts it heard.
    /// </remarks>
    [Fact]
    [Trait("Category", "Integration")]
    public async Task NoDigitThreeTimesGoesToSupport()
    {
        var welcome = PromptAudio.Read("welcome");
        var menu = PromptAudio.Read("menu");
        var invalid = PromptAudio.Read("invalid");
        var languageOffer = PromptAudio.Read("language-offer");
        var longestIvr = (Duration(welcome, menu, languageOffer, invalid) * (DemoMenuRepeats + 1))
            + (s_demoDigitTimeout * (DemoMenuRepeats + 1));
        await using var service = await ApplianceProcess.StartAsync();
        var sipp = new SippRunner(service.Root);
        var callerMediaPort = FreePorts.Media();
        await using var capture = await PacketCapture.StartAsync($"udp port {callerMediaPort}", service.Root);
        var timeout = longestIvr + TimeSpan.FromSeconds(30);
        await using var agent = await new AgentPhones(sipp, service)
            .StartAsync("1001", "agent-answers-hangs-up.xml", timeout, "-set", "talk", "2000");
        var callId = $"e2e-no-digit-{Guid.NewGuid():N}";

        var caller = await StartCallerUntilBye(
            sipp, service, "caller-silent-until-bye.xml", callId, callerMediaPort, timeout).WaitAsync();
        var agentCall = await agent.Peer.WaitAsync();
        var datagrams = await capture.StopAsync();
        var cdr = await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(5));
        var heard = RtpAudio.ReceivedAt(datagrams, callerMediaPort);

        Assert.True(caller.ExitCode == 0, Why("The silent caller did not reach the agent.", caller, service));
        Assert.True(agentCall.ExitCode == 0, Why("The agent did not get the call.", agentCall, service));
        var welcomes = PromptAudio.CountWholePlays(heard, welcome, AudioCodec.Pcmu);
        Assert.Equal(DemoMenuRepeats + 1, PromptAudio.CountWholePlays(heard, menu, AudioCodec.Pcmu));
        Assert.Equal(DemoMenuRepeats, PromptAudio.CountWholePlays(heard, invalid, AudioCodec.Pcmu));
        Assert.InRange(welcomes, 1, DemoMenuRepeats + 1);
        var heardTones = ToneAnalysis.WindowFrequencies(heard);
        Assert.True(
            ToneAnalysis.WindowsAt(heardTones, AgentToneHz) >= OneSecondOfWindows,
            $"The caller did not hear the agent: {ToneAnalysis.Describe(heardTones)}");
        Assert.NotNull(cdr);
        Assert.Equal("answered", cdr.Disposition);
        Assert.Equal("support", cdr.Queue);
        Assert.Null(cdr.IvrChoice);
        Assert.Equal("1001", cdr.Agent);
        var ivrTime = (Duration(welcome) * welcomes)
            + (Duration(menu, languageOffer) * (DemoMenuRepeats + 1))
            + (Duration(invalid) * DemoMenuRepeats) + (s_demoDigitTimeout * (DemoMenuRepeats + 1));
        var inIvr = ParseUtc(cdr.AnsweredUtc) - ParseUtc(cdr.ArrivedUtc);
        Assert.InRange(inIvr, ivrTime - TimeSpan.FromSeconds(1), ivrTime + TimeSpan.FromSeconds(5));
    }

    /// <remarks>
    /// SIGTERM is how systemd stops the box for an update. The caller (caller-until-bye.xml) never hangs
    /// up and the agent (agent-answers.xml) only waits for a BYE, so the call can only end by the
    /// service's shutdown; both peers fail on their own -timeout if no BYE comes.
    /// </remarks>
    [Fact]
    [Trait("Category", "Integration")]
    public async Task ShutdownDuringABridgedCallHangsUpBothSidesAndWritesTheRecord()
    {
        var talk = TimeSpan.FromSeconds(2);
        var timeout = TimeSpan.FromSeconds(30);
        await using var service = await ApplianceProcess.StartAsync();
        var sipp = new SippRunner(service.Root);
        await using var agent = await new AgentPhones(sipp, service)
            .StartAsync("1001", "agent-answers.xml", timeout);
        var callId = $"e2e-shutdown-{Guid.NewGuid():N}";
        await using var callerPeer = StartCallerUntilBye(
            sipp, service, "caller-until-bye.xml", callId, FreePorts.Media(), timeout);

        var bridged = await service.WaitForOutputAsync($"Call {callId} answered by agent 1001", timeout);
        await Task.Delay(talk);
        var exitCode = await service.StopGracefullyAsync(TimeSpan.FromSeconds(15));
        var caller = await callerPeer.WaitAsync();
        var agentCall = await agent.Peer.WaitAsync();
        var cdr = await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(2));

        Assert.True(bridged, "The call was never bridged to 1001.\nService:\n" + service.Output);
        Assert.True(exitCode == 0, $"The service ended {Describe(exitCode)}.\n{service.Output}");
        Assert.Contains("Ending 1 calls for shutdown", service.Output, StringComparison.Ordinal);
        Assert.True(caller.ExitCode == 0, Why("The caller got no BYE it could answer.", caller, service));
        Assert.True(agentCall.ExitCode == 0, Why("The agent got no BYE to answer.", agentCall, service));
        Assert.Contains(caller.ReceivedRequestLines, l => l.StartsWith("BYE ", StringComparison.Ordinal));
        Assert.Contains(agentCall.ReceivedRequestLines, l => l.StartsWith("BYE ", StringComparison.Ordinal));
        Assert.NotNull(cdr);
        Assert.Equal("answered", cdr.Disposition);
        Assert.Equal("1001", cdr.Agent);
        Assert.InRange(cdr.TalkSeconds, 1, (int)timeout.TotalSeconds);
        Assert.False(string.IsNullOrEmpty(cdr.RecordingFile), cdr.ToString());
        var recordingPath = Path.Combine(service.DataDirectory, cdr.RecordingFile);
        Assert.True(File.Exists(recordingPath), $"No recording at {recordingPath}. {cdr}");
    }

    /// <remarks>
    /// agent-register.xml asks for Expires 3600, so the binding is an hour from running out when the
    /// service stops. The phone's SIPp stays up through the restart and is never registered again: only
    /// the saved binding can bring the call to it.
    /// </remarks>
    [Fact]
    [Trait("Category", "Integration")]
    public async Task AgentRegistrationSurvivesARestart()
    {
        var talk = TimeSpan.FromSeconds(2);
        await using var service = await ApplianceProcess.StartAsync();
        var sipp = new SippRunner(service.Root);
        await using var agent = await new AgentPhones(sipp, service)
            .StartAsync("1001", "agent-answers.xml", TimeSpan.FromSeconds(60));
        var callId = $"e2e-restart-{Guid.NewGuid():N}";

        var firstExitCode = await service.StopGracefullyAsync(TimeSpan.FromSeconds(15));
        await using var restarted = await service.StartAgainAsync();
        var caller = await StartCaller(sipp, restarted, callId, FreePorts.Media(), talk).WaitAsync();
        var agentCall = await agent.Peer.WaitAsync();
        var cdr = await CdrReader.WaitForAsync(restarted.DatabasePath, callId, TimeSpan.FromSeconds(5));

        Assert.True(firstExitCode == 0, $"The first run ended {Describe(firstExitCode)}.\n{service.Output}");
        Assert.Contains("Restored 1 saved registrations", restarted.Output, StringComparison.Ordinal);
        Assert.True(caller.ExitCode == 0, Why("The caller's call did not go through.", caller, restarted));
        Assert.True(agentCall.ExitCode == 0, Why("1001 got no call after restart.", agentCall, restarted));
        Assert.Contains(
            agentCall.ReceivedRequestLines, l => l.StartsWith("INVITE sip:1001@", StringComparison.Ordinal));
        Assert.NotNull(cdr);
        Assert.Equal("answered", cdr.Disposition);
        Assert.Equal("1001", cdr.Agent);
        Assert.Equal("sales", cdr.Queue);
    }

    private static string Why(string what, SippResult peer, ApplianceProcess service) =>
        $"{what}\n{peer.Describe()}\nService:\n{service.Output}";

    private static SippPeer StartCaller(
        SippRunner sipp,
        ApplianceProcess service,
        string callId,
        int mediaPort,
        TimeSpan talk) =>
        sipp.Start(
            "caller.xml",
            FreePorts.Sip(),
            TimeSpan.FromSeconds(30) + talk,
            service.SipTarget,
            "-s", "100",
            "-set", "talk", ((int)talk.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
            "-cid_str", callId,
            "-mp", mediaPort.ToString(CultureInfo.InvariantCulture),
            "-m", "1");

    /// <summary>A caller that stays until the far end hangs up: caller-until-bye.xml or its silent twin.</summary>
    private static SippPeer StartCallerUntilBye(
        SippRunner sipp,
        ApplianceProcess service,
        string scenario,
        string callId,
        int mediaPort,
        TimeSpan timeout) =>
        sipp.Start(
            scenario,
            FreePorts.Sip(),
            timeout,
            service.SipTarget,
            "-s", "100",
            "-cid_str", callId,
            "-mp", mediaPort.ToString(CultureInfo.InvariantCulture),
            "-m", "1");

    private static string Describe(int? exitCode) =>
        exitCode is { } code
            ? string.Create(CultureInfo.InvariantCulture, $"with exit code {code}")
            : "killed: it did not stop in time";

    private static string Milliseconds(TimeSpan span) =>
        ((int)span.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);

    private static TimeSpan Duration(params short[][] prompts) =>
        TimeSpan.FromSeconds(prompts.Sum(p => p.Length) / (double)ToneAnalysis.SampleRateHz);

    private static DateTimeOffset ParseUtc(string? text)
    {
        Assert.False(string.IsNullOrEmpty(text));
        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
    }
}
