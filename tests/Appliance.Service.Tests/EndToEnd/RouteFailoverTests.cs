using System.Globalization;
using Appliance.Media.Codecs;
using Appliance.Service.Tests.Support;

namespace Appliance.Service.Tests.EndToEnd;

/// <summary>
/// Several outbound routes for external numbers in failover order
/// (Telephony:External:Destination as a list): SIPp UASs play the carriers, the SIPp caller of
/// caller.xml (5551234, 440 Hz) comes in on DID 100 and its flow transfers it to a number. A
/// carrier that fails the call is followed by the next; one that says the number is busy is not.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class RouteFailoverTests
{
    private const string ExternalNumber = "+8613800138000";
    private const double CallerToneHz = 440;
    private const double CarrierToneHz = 1000;
    private const int OneSecondOfWindows = 4;

    private const string TransferFlow = $$"""
        { "name": "main", "version": 2, "start": "out",
          "nodes": [
            { "id": "out", "type": "transfer", "number": "{{ExternalNumber}}", "failed": "sorry" },
            { "id": "sorry", "type": "hangup", "prompts": ["invalid"] } ] }
        """;

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ATransferGoesPastASilentAndAnUnavailableCarrierAndIsAnsweredByTheThird()
    {
        var silentPort = FreePorts.Sip();
        var unavailablePort = FreePorts.Sip();
        var carrierPort = FreePorts.Sip();
        var carrierMediaPort = FreePorts.Media();
        var callerMediaPort = FreePorts.Media();
        using var flows = new FlowFolder(TransferFlow);
        await using var service = await ApplianceProcess.StartAsync(
            $"--Ivr:FlowDirectory={flows.Path}",
            $"--Telephony:External:Destination={Route(silentPort)},{Route(unavailablePort)},{Route(carrierPort)}",
            "--Telephony:External:RouteTimeout=00:00:01");
        var sipp = new SippRunner(service.Root);
        await using var capture = await PacketCapture.StartAsync(
            $"udp portrange {service.RtpPortMin}-{service.RtpPortMax}", service.Root);
        await using var unavailable = sipp.Start(
            "carrier-unavailable.xml", unavailablePort, TimeSpan.FromSeconds(30), "-m", "1");
        await using var carrier = sipp.Start(
            "agent-answers.xml",
            carrierPort,
            TimeSpan.FromSeconds(40),
            "-m", "1",
            "-mp", Port(carrierMediaPort));
        var callId = $"e2e-route-failover-{Guid.NewGuid():N}";

        var caller = await StartCaller(sipp, service, callId, callerMediaPort, talkMs: 6000, bye: true).WaitAsync();
        var unavailableCall = await unavailable.WaitAsync();
        var carrierCall = await carrier.WaitAsync();
        var datagrams = await capture.StopAsync();
        var cdr = await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(5));

        var why = "\nService:\n" + service.Output;
        Assert.True(caller.ExitCode == 0, caller.Describe() + why);
        Assert.True(unavailableCall.ExitCode == 0, unavailableCall.Describe() + why);
        Assert.True(carrierCall.ExitCode == 0, carrierCall.Describe() + why);
        Assert.Contains(
            $"route {Route(silentPort)} sent nothing back within 1 s; trying route {Route(unavailablePort)}",
            service.Output,
            StringComparison.Ordinal);
        Assert.Contains(
            $"route {Route(unavailablePort)} answered 503 Service Unavailable; trying route {Route(carrierPort)}",
            service.Output,
            StringComparison.Ordinal);
        var invite = carrierCall.Received.First(m => m.StartsWith("INVITE ", StringComparison.Ordinal));
        Assert.StartsWith($"INVITE sip:{ExternalNumber}@{Route(carrierPort)} SIP/2.0", invite, StringComparison.Ordinal);
        Assert.Contains("CSeq: 3 INVITE", invite, StringComparison.Ordinal);
        AssertHears(datagrams, carrierMediaPort, CallerToneHz, "The third carrier did not hear the caller");
        AssertHears(datagrams, callerMediaPort, CarrierToneHz, "The caller did not hear the third carrier");
        Assert.NotNull(cdr);
        Assert.Equal(("answered", ExternalNumber), (cdr.Disposition, cdr.TransferredTo));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ABusyFirstCarrierIsNotRetriedOnTheNextRoute()
    {
        var busyPort = FreePorts.Sip();
        var secondPort = FreePorts.Sip();
        var callerMediaPort = FreePorts.Media();
        using var flows = new FlowFolder(TransferFlow);
        await using var service = await ApplianceProcess.StartAsync(
            $"--Ivr:FlowDirectory={flows.Path}",
            $"--Telephony:External:Destination={Route(busyPort)},{Route(secondPort)}",
            "--Telephony:External:RouteTimeout=00:00:01");
        var sipp = new SippRunner(service.Root);
        await using var callerCapture = await PacketCapture.StartAsync($"udp port {callerMediaPort}", service.Root);
        await using var secondCapture = await PacketCapture.StartAsync($"udp port {secondPort}", service.Root);
        await using var busy = sipp.Start("called-busy.xml", busyPort, TimeSpan.FromSeconds(30), "-m", "1");
        await using var second = sipp.Start("agent-answers.xml", secondPort, TimeSpan.FromSeconds(60), "-m", "1");
        var callId = $"e2e-route-busy-{Guid.NewGuid():N}";

        var caller = await StartCaller(sipp, service, callId, callerMediaPort, talkMs: 8000, bye: false).WaitAsync();
        var busyCall = await busy.WaitAsync();
        var heard = RtpAudio.ReceivedAt(await callerCapture.StopAsync(), callerMediaPort);
        var toSecond = await secondCapture.StopAsync();
        var cdr = await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(5));

        var why = "\nService:\n" + service.Output;
        Assert.True(caller.ExitCode == 0, caller.Describe() + why);
        Assert.True(busyCall.ExitCode == 0, busyCall.Describe() + why);
        Assert.Empty(toSecond);
        Assert.Contains(
            $"external number {ExternalNumber} not reached: Busy (SIP 486)",
            service.Output,
            StringComparison.Ordinal);
        Assert.DoesNotContain("trying route", service.Output, StringComparison.Ordinal);
        var sorry = PromptAudio.Read("invalid");
        Assert.True(
            PromptAudio.CountWholePlays(heard, sorry, AudioCodec.Pcmu) == 1,
            "The failed branch's prompt was not heard once: " + PromptAudio.DescribeBestMatch(
                heard,
                sorry,
                AudioCodec.Pcmu));
        Assert.NotNull(cdr);
        Assert.Equal("self-service", cdr.Disposition);
    }

    private static SippPeer StartCaller(
        SippRunner sipp,
        ApplianceProcess service,
        string callId,
        int mediaPort,
        int talkMs,
        bool bye)
    {
        // caller-until-bye.xml stays until the service hangs up and has no talk variable.
        string[] talk = bye ? ["-set", "talk", talkMs.ToString(CultureInfo.InvariantCulture)] : [];
        return sipp.Start(
            bye ? "caller.xml" : "caller-until-bye.xml",
            FreePorts.Sip(),
            TimeSpan.FromMilliseconds(talkMs) + TimeSpan.FromSeconds(30),
            [
                service.SipTarget,
                "-s", "100",
                .. talk,
                "-cid_str", callId,
                "-mp", Port(mediaPort),
                "-m", "1",
            ]);
    }

    private static void AssertHears(IReadOnlyList<CapturedDatagram> datagrams, int port, double hz, string what)
    {
        var heard = ToneAnalysis.WindowFrequencies(RtpAudio.ReceivedAt(datagrams, port));
        Assert.True(
            ToneAnalysis.WindowsAt(heard, hz) >= OneSecondOfWindows,
            $"{what}'s {hz} Hz: {ToneAnalysis.Describe(heard)}");
    }

    private static string Route(int port) => "127.0.0.1:" + Port(port);

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
