using Appliance.Service.Tests.Support;
using static Appliance.Service.Tests.Support.ExternalCalls;

namespace Appliance.Service.Tests.EndToEnd;

/// <summary>
/// Several outbound routes for external numbers in failover order
/// (Telephony:External:Destination as a list): SIPp UASs play the carriers, the SIPp caller of
/// caller.xml comes in on DID 100 and its flow transfers it to a number
/// (<see cref="ExternalCalls"/>). A carrier that fails the call is followed by the next; one that
/// says the number is busy is not.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class RouteFailoverTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task ATransferGoesPastASilentAndAnUnavailableCarrierAndTheNextCallGoesStraightToTheThird()
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
            "-m", "2",
            "-mp", Port(carrierMediaPort));
        var callId = $"e2e-route-failover-{Guid.NewGuid():N}";
        var nextCallId = $"e2e-route-held-down-{Guid.NewGuid():N}";

        var caller = await StartCaller(sipp, service, callId, callerMediaPort, talkMs: 6000).WaitAsync();
        var unavailableCall = await unavailable.WaitAsync();
        var datagrams = await capture.StopAsync();
        var nextCaller = await StartCaller(sipp, service, nextCallId, FreePorts.Media(), talkMs: 2000).WaitAsync();
        var carrierCall = await carrier.WaitAsync();
        var cdr = await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(5));
        var nextCdr = await CdrReader.WaitForAsync(service.DatabasePath, nextCallId, TimeSpan.FromSeconds(5));

        var why = "\nService:\n" + service.Output;
        Assert.True(caller.ExitCode == 0, caller.Describe() + why);
        Assert.True(nextCaller.ExitCode == 0, nextCaller.Describe() + why);
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
        var invites = carrierCall.Received.Where(m => m.StartsWith("INVITE ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, invites.Count);
        Assert.StartsWith($"INVITE sip:{Number}@{Route(carrierPort)} SIP/2.0", invites[0], StringComparison.Ordinal);
        Assert.Contains("CSeq: 3 INVITE", invites[0], StringComparison.Ordinal);

        // The routes that failed are held down: the next call's first INVITE goes to the third.
        Assert.Contains("CSeq: 1 INVITE", invites[1], StringComparison.Ordinal);
        Assert.Equal(1, Occurrences(service.Output, $"Outbound route {Route(silentPort)} sent nothing back"));
        Assert.Equal(1, Occurrences(service.Output, $"Outbound route {Route(unavailablePort)} answered 503"));
        AssertHears(datagrams, carrierMediaPort, CallerToneHz, "The third carrier did not hear the caller");
        AssertHears(datagrams, callerMediaPort, CarrierToneHz, "The caller did not hear the third carrier");
        Assert.NotNull(cdr);
        Assert.Equal(("answered", Number), (cdr.Disposition, cdr.TransferredTo));
        Assert.Equal("answered", nextCdr?.Disposition);
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
            $"external number {Number} not reached: Busy (SIP 486)", service.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("trying route", service.Output, StringComparison.Ordinal);
        AssertHeardOnce(heard, "invalid", "The failed branch's prompt was not heard once: ");
        Assert.NotNull(cdr);
        Assert.Equal("self-service", cdr.Disposition);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ARouteThatCannotBeSentToIsLeftAtOnceWithOneWarningAndHeldDown()
    {
        // Linux refuses a datagram to the broadcast address on a socket without SO_BROADCAST
        // (EACCES): a transport error on send, RFC 3261 §8.1.3.1 and §17.1.4.
        const string refused = "255.255.255.255:5060";
        var carrierPort = FreePorts.Sip();
        using var flows = new FlowFolder(TransferFlow);
        await using var service = await ApplianceProcess.StartAsync(
            $"--Ivr:FlowDirectory={flows.Path}",
            $"--Telephony:External:Destination={refused},{Route(carrierPort)}",
            "--Telephony:External:RouteTimeout=00:00:30");
        var sipp = new SippRunner(service.Root);
        await using var carrier = sipp.Start(
            "agent-answers.xml", carrierPort, TimeSpan.FromSeconds(40), "-m", "2", "-mp", Port(FreePorts.Media()));
        var callId = $"e2e-route-refused-{Guid.NewGuid():N}";
        var nextCallId = $"e2e-route-refused-next-{Guid.NewGuid():N}";

        var caller = await StartCaller(sipp, service, callId, FreePorts.Media(), talkMs: 2000).WaitAsync();
        var nextCaller = await StartCaller(sipp, service, nextCallId, FreePorts.Media(), talkMs: 2000).WaitAsync();
        var carrierCall = await carrier.WaitAsync();
        var cdr = await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(5));

        var why = "\nService:\n" + service.Output;
        Assert.True(caller.ExitCode == 0, caller.Describe() + why);
        Assert.True(nextCaller.ExitCode == 0, nextCaller.Describe() + why);
        Assert.True(carrierCall.ExitCode == 0, carrierCall.Describe() + why);
        var invites = carrierCall.Received.Where(m => m.StartsWith("INVITE ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, invites.Count);
        Assert.Contains("CSeq: 2 INVITE", invites[0], StringComparison.Ordinal);

        // Held down: the next call's first INVITE goes straight to the carrier.
        Assert.Contains("CSeq: 1 INVITE", invites[1], StringComparison.Ordinal);
        Assert.Equal(1, Occurrences(service.Output, $"Outbound route {refused} could not be sent to ("));
        var warnings = service.Output.Split('\n')
            .Where(l => l.Contains(refused, StringComparison.Ordinal))
            .Where(l => !l.Contains(" INF]", StringComparison.Ordinal))
            .ToList();
        Assert.True(
            warnings.Count == 1,
            "Lines other than Information about the route:\n" + string.Join('\n', warnings));
        Assert.Contains(" WRN] ", warnings[0], StringComparison.Ordinal);
        Assert.DoesNotContain("sent no final response", service.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at System.Net.Sockets", service.Output, StringComparison.Ordinal);
        Assert.Equal(("answered", Number), (cdr?.Disposition, cdr?.TransferredTo));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ASilentLastRouteIsHeldDownEvenWhenTheRingTimeoutEndsTheCallFirst()
    {
        var silentPort = FreePorts.Sip();
        using var flows = new FlowFolder(TransferFlow);
        await using var service = await ApplianceProcess.StartAsync(
            $"--Ivr:FlowDirectory={flows.Path}",
            $"--Telephony:External:Destination={Route(silentPort)}",
            "--Telephony:External:RouteTimeout=00:00:01",
            "--Telephony:External:RingTimeout=00:00:04");
        var sipp = new SippRunner(service.Root);
        var callId = $"e2e-route-silent-last-{Guid.NewGuid():N}";

        var caller = await StartCaller(sipp, service, callId, FreePorts.Media(), talkMs: 25000, bye: false)
            .WaitAsync();
        var cdr = await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(5));

        var why = "\nService:\n" + service.Output;
        Assert.True(caller.ExitCode == 0, caller.Describe() + why);
        Assert.Equal(
            1,
            Occurrences(
                service.Output,
                $"Outbound route {Route(silentPort)} sent nothing back within 1 s: it is passed over for 00:01:00"));
        Assert.Contains($"external number {Number} not reached: NoAnswer", service.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("trying route", service.Output, StringComparison.Ordinal);
        Assert.Equal("self-service", cdr?.Disposition);
    }

    private static int Occurrences(string text, string part) =>
        text.Split(part, StringSplitOptions.None).Length - 1;
}
