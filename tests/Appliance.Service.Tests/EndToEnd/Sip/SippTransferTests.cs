using System.Globalization;
using Appliance.Service.Tests.Support;

namespace Appliance.Service.Tests.EndToEnd.Sip;

/// <summary>
/// Transfers by the agent's phone (RFC 3515, RFC 3891) through the real service: a SIPp caller
/// reaches agent 1001 through the IVR and queue; 1001's SIPp phone sends a REFER in its dialog,
/// blind to extension 1002, or attended with a Replaces naming 1001's consultation call to
/// 1002. The caller must end up hearing 1002's 1000 Hz tone and 1002 the caller's 440 Hz, with
/// 202 and the NOTIFYs 100 and 200 (sipfrag) on 1001's side and the transfer in the CDR.
/// </summary>
/// <remarks>
/// The consultation call is set up before the customer's call arrives: a SIPp phone cannot learn
/// the box's To tag of another SIPp's dialog while running, so the test reads it from the
/// consulting SIPp and hands it to the transferring one at its start. The box does not depend on
/// that order. 1001 registers before 1002, so the queue (longest idle first) rings 1001.
/// </remarks>
[Collection(EndToEndCollection.Name)]
public sealed class SippTransferTests
{
    private const double CallerToneHz = 440;
    private const double SecondAgentToneHz = 1000;
    private const int OneSecondOfWindows = 4;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(40);
    private static readonly TimeSpan s_talk = TimeSpan.FromSeconds(9);

    [Fact]
    [Trait("Category", "Integration")]
    public async Task BlindReferSendsTheCallerToTheOtherExtensionWithSipfragProgress()
    {
        await using var service = await ApplianceProcess.StartAsync();
        var sipp = new SippRunner(service.Root);
        await using var capture = await PacketCapture.StartAsync(
            $"udp portrange {service.RtpPortMin}-{service.RtpPortMax}", service.Root);
        var phones = new AgentPhones(sipp, service);
        await using var first = await phones.StartAsync(
            "1001",
            "sip/agent-transfers.xml",
            s_timeout,
            "-set", "talk", "1500",
            "-key", "refer_to", $"sip:1002@{service.SipTarget}");
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        await using var second = await phones.StartAsync("1002", "agent-answers.xml", s_timeout);
        var callerMediaPort = FreePorts.Media();
        var callId = $"e2e-blind-transfer-{Guid.NewGuid():N}";

        var caller = await StartCaller(sipp, service, callId, callerMediaPort).WaitAsync();
        var transferor = await first.Peer.WaitAsync();
        var target = await second.Peer.WaitAsync();
        var datagrams = await capture.StopAsync();
        var cdr = await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(5));

        AssertTransferorSawTheWholeSubscription(transferor, service);
        Assert.True(target.ExitCode == 0, Why("1002 did not take the caller.", target, service));
        Assert.True(caller.ExitCode == 0, Why("The caller's call broke.", caller, service));
        AssertCallerTalksToSecondAgent(datagrams, callerMediaPort, second.MediaPort);
        AssertTransferRecorded(cdr, "blind");
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ReferWithReplacesJoinsTheCallerToTheConsultedExtension()
    {
        await using var service = await ApplianceProcess.StartAsync();
        var sipp = new SippRunner(service.Root);
        await using var capture = await PacketCapture.StartAsync(
            $"udp portrange {service.RtpPortMin}-{service.RtpPortMax}", service.Root);
        var phones = new AgentPhones(sipp, service);
        var firstPort = FreePorts.Sip();
        await RegisterAsync(sipp, service, "1001", firstPort);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        await using var second = await phones.StartAsync("1002", "agent-answers.xml", s_timeout);
        var dialogFile = Path.Combine(service.Root, "consultation-dialog.txt");
        await using var consultation = sipp.Start(
            "sip/agent-consults.xml",
            FreePorts.Sip(),
            s_timeout,
            service.SipTarget,
            "-s", "1002",
            "-key", "agent", "1001",
            "-au", "1001",
            "-ap", "sparkle-1001",
            "-auth_uri", $"1002@{service.SipTarget}",
            "-key", "dialog_file", dialogFile,
            "-mp", FreePorts.Media().ToString(CultureInfo.InvariantCulture),
            "-m", "1");
        var (dialogCallId, boxTag, ownTag) = await ReadDialogAsync(dialogFile, service);
        var replaces = Uri.EscapeDataString($"{dialogCallId};to-tag={boxTag};from-tag={ownTag}");
        await using var transferor = sipp.Start(
            "sip/agent-transfers.xml",
            firstPort,
            s_timeout,
            "-m", "1",
            "-mp", FreePorts.Media().ToString(CultureInfo.InvariantCulture),
            "-set", "talk", "1500",
            "-key", "refer_to", $"sip:1002@{service.SipTarget}?Replaces={replaces}");
        var callerMediaPort = FreePorts.Media();
        var callId = $"e2e-attended-transfer-{Guid.NewGuid():N}";

        var caller = await StartCaller(sipp, service, callId, callerMediaPort).WaitAsync();
        var transferred = await transferor.WaitAsync();
        var consulted = await consultation.WaitAsync();
        var target = await second.Peer.WaitAsync();
        var datagrams = await capture.StopAsync();
        var cdr = await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(5));

        AssertTransferorSawTheWholeSubscription(transferred, service);
        Assert.True(consulted.ExitCode == 0, Why("The replaced dialog got no BYE.", consulted, service));
        Assert.Contains(consulted.ReceivedRequestLines, l => l.StartsWith("BYE ", StringComparison.Ordinal));
        Assert.True(target.ExitCode == 0, Why("1002 did not stay with the caller.", target, service));
        Assert.Single(target.ReceivedRequestLines, l => l.StartsWith("INVITE ", StringComparison.Ordinal));
        Assert.True(caller.ExitCode == 0, Why("The caller's call broke.", caller, service));
        AssertCallerTalksToSecondAgent(datagrams, callerMediaPort, second.MediaPort);
        AssertTransferRecorded(cdr, "attended");
    }

    private static void AssertTransferorSawTheWholeSubscription(SippResult transferor, ApplianceProcess service)
    {
        Assert.True(transferor.ExitCode == 0, Why("The REFER did not run its course.", transferor, service));
        Assert.Equal([202], transferor.ReceivedStatusCodes);
        var notifies = transferor.Received.Where(m => m.StartsWith("NOTIFY ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, notifies.Count);
        Assert.Equal("refer", SippResult.Header(notifies[0], "Event"));
        Assert.Equal("message/sipfrag;version=2.0", SippResult.Header(notifies[0], "Content-Type"));
        Assert.StartsWith("active", SippResult.Header(notifies[0], "Subscription-State"), StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\nSIP/2.0 100 Trying", notifies[0].TrimEnd('\r', '\n'), StringComparison.Ordinal);
        Assert.StartsWith("terminated", SippResult.Header(notifies[1], "Subscription-State"), StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\nSIP/2.0 200 OK", notifies[1].TrimEnd('\r', '\n'), StringComparison.Ordinal);
        Assert.Contains(transferor.ReceivedRequestLines, l => l.StartsWith("BYE ", StringComparison.Ordinal));
    }

    private static void AssertCallerTalksToSecondAgent(
        IReadOnlyList<CapturedDatagram> datagrams,
        int callerMediaPort,
        int secondAgentMediaPort)
    {
        var heardByCaller = ToneAnalysis.WindowFrequencies(RtpAudio.ReceivedAt(datagrams, callerMediaPort));
        var heardBySecond = ToneAnalysis.WindowFrequencies(RtpAudio.ReceivedAt(datagrams, secondAgentMediaPort));
        Assert.True(
            ToneAnalysis.WindowsAt(heardByCaller, SecondAgentToneHz) >= OneSecondOfWindows,
            $"The caller did not hear 1002's {SecondAgentToneHz} Hz: {ToneAnalysis.Describe(heardByCaller)}");
        Assert.True(
            ToneAnalysis.WindowsAt(heardBySecond, CallerToneHz) >= OneSecondOfWindows,
            $"1002 did not hear the caller's {CallerToneHz} Hz: {ToneAnalysis.Describe(heardBySecond)}");
    }

    private static void AssertTransferRecorded(CdrSnapshot? cdr, string kind)
    {
        Assert.NotNull(cdr);
        Assert.Equal("answered", cdr.Disposition);
        Assert.Equal("1001", cdr.Agent);
        Assert.Equal("1002", cdr.TransferredTo);
        Assert.Equal(kind, cdr.TransferKind);
        var answered = ParseUtc(cdr.AnsweredUtc);
        var transferred = ParseUtc(cdr.TransferredUtc);
        var ended = ParseUtc(cdr.EndedUtc);
        Assert.True(answered < transferred && transferred < ended, cdr.ToString());
    }

    private static async Task RegisterAsync(SippRunner sipp, ApplianceProcess service, string extension, int contactPort)
    {
        var register = await sipp.Start(
            "agent-register.xml",
            FreePorts.Sip(),
            TimeSpan.FromSeconds(10),
            service.SipTarget,
            "-s", extension,
            "-au", extension,
            "-ap", $"sparkle-{extension}",
            "-key", "contact_port", contactPort.ToString(CultureInfo.InvariantCulture),
            "-m", "1").WaitAsync();
        Assert.True(register.ExitCode == 0, $"Registering {extension} failed.\n{register.Describe()}");
    }

    /// <summary>Waits for the consulting SIPp to write its dialog: Call-ID, the box's tag, its own tag.</summary>
    private static async Task<(string CallId, string BoxTag, string OwnTag)> ReadDialogAsync(
        string path,
        ApplianceProcess service)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!File.Exists(path))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The consultation call was not answered in time.\nService:\n{service.Output}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        var parts = (await File.ReadAllTextAsync(path)).Split(' ', StringSplitOptions.TrimEntries);
        Assert.True(parts.Length == 3 && parts.All(p => p.Length > 0), string.Join('|', parts));
        return (parts[0], parts[1], parts[2]);
    }

    private static SippPeer StartCaller(SippRunner sipp, ApplianceProcess service, string callId, int mediaPort) =>
        sipp.Start(
            "caller.xml",
            FreePorts.Sip(),
            s_timeout + s_talk,
            service.SipTarget,
            "-s", "100",
            "-set", "talk", ((int)s_talk.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
            "-cid_str", callId,
            "-mp", mediaPort.ToString(CultureInfo.InvariantCulture),
            "-m", "1");

    private static DateTimeOffset ParseUtc(string? text) =>
        DateTimeOffset.Parse(text!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static string Why(string what, SippResult peer, ApplianceProcess service) =>
        $"{what}\n{peer.Describe()}\nService:\n{service.Output}";
}
