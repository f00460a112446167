using System.Globalization;
using Appliance.Service.Tests.Support;
using SQLite;

namespace Appliance.Service.Tests.EndToEnd;

/// <summary>
/// Calls the box sends on to external numbers through its outbound route
/// (Telephony:External:Destination): a SIPp UAS plays the carrier there, the SIPp caller of
/// caller.xml (5551234, 440 Hz) comes in on DID 100, and what the carrier receives, what each
/// side hears and the call's record are checked.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ExternalNumberTests
{
    private const string ExternalNumber = ExternalCalls.Number;
    private const double CallerToneHz = ExternalCalls.CallerToneHz;
    private const double CarrierToneHz = ExternalCalls.CarrierToneHz;

    private const string OverflowToTheNumber =
        $"UPDATE Queue SET OverflowAfterSeconds = 2, OverflowTo = 'external:{ExternalNumber}' WHERE Name = 'sales'";

    private const string TransferFlow = ExternalCalls.TransferFlow;

    [Fact]
    [Trait("Category", "Integration")]
    public async Task AFlowTransferToANumberDialsTheCarrierAndBridgesAudioBothWays()
    {
        var carrierPort = FreePorts.Sip();
        var carrierMediaPort = FreePorts.Media();
        var callerMediaPort = FreePorts.Media();
        using var flows = new FlowFolder(TransferFlow);
        await using var service = await ApplianceProcess.StartAsync(
            $"--Ivr:FlowDirectory={flows.Path}",
            "--Telephony:External:Destination=127.0.0.1:" + carrierPort.ToString(CultureInfo.InvariantCulture));
        var sipp = new SippRunner(service.Root);
        await using var capture = await PacketCapture.StartAsync(
            $"udp portrange {service.RtpPortMin}-{service.RtpPortMax}", service.Root);
        await using var carrier = sipp.Start(
            "agent-answers.xml",
            carrierPort,
            TimeSpan.FromSeconds(40),
            "-m", "1",
            "-mp", carrierMediaPort.ToString(CultureInfo.InvariantCulture));
        var callId = $"e2e-external-transfer-{Guid.NewGuid():N}";

        var caller = await ExternalCalls.StartCaller(sipp, service, callId, callerMediaPort, talkMs: 5000)
            .WaitAsync();
        var carrierCall = await carrier.WaitAsync();
        var datagrams = await capture.StopAsync();
        var cdr = await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(5));

        var why = "\nService:\n" + service.Output;
        Assert.True(caller.ExitCode == 0, caller.Describe() + why);
        Assert.True(carrierCall.ExitCode == 0, carrierCall.Describe() + why);
        var invite = carrierCall.Received.First(m => m.StartsWith("INVITE ", StringComparison.Ordinal));
        Assert.StartsWith(
            $"INVITE sip:{ExternalNumber}@127.0.0.1:{carrierPort} SIP/2.0", invite, StringComparison.Ordinal);
        Assert.Contains("From: <sip:5551234@", invite, StringComparison.Ordinal);
        ExternalCalls.AssertHears(
            datagrams, carrierMediaPort, CallerToneHz, "The carrier did not hear the caller");
        ExternalCalls.AssertHears(
            datagrams, callerMediaPort, CarrierToneHz, "The caller did not hear the external party");
        Assert.NotNull(cdr);
        Assert.Equal(
            ("answered", ExternalNumber, "blind"),
            (cdr.Disposition, cdr.TransferredTo, cdr.TransferKind));
        Assert.Null(cdr.Agent);
        // The carrier at 127.0.0.1 is the demo's loopback trunk both ways.
        Assert.Equal(("loopback", "loopback"), (cdr.Trunk, cdr.OutboundTrunk));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ABusyExternalNumberSendsTheFlowToItsFailedBranch()
    {
        var carrierPort = FreePorts.Sip();
        var callerMediaPort = FreePorts.Media();
        using var flows = new FlowFolder(TransferFlow);
        await using var service = await ApplianceProcess.StartAsync(
            $"--Ivr:FlowDirectory={flows.Path}",
            "--Telephony:External:Destination=127.0.0.1:" + carrierPort.ToString(CultureInfo.InvariantCulture));
        var sipp = new SippRunner(service.Root);
        await using var capture = await PacketCapture.StartAsync($"udp port {callerMediaPort}", service.Root);
        await using var carrier = sipp.Start(
            "called-busy.xml",
            carrierPort,
            TimeSpan.FromSeconds(30),
            "-m",
            "1");
        var callId = $"e2e-external-busy-{Guid.NewGuid():N}";

        var caller = await ExternalCalls.StartCaller(
            sipp,
            service,
            callId,
            callerMediaPort,
            talkMs: 8000,
            bye: false).WaitAsync();
        var carrierCall = await carrier.WaitAsync();
        var datagrams = await capture.StopAsync();
        var cdr = await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(5));

        var why = "\nService:\n" + service.Output;
        Assert.True(caller.ExitCode == 0, caller.Describe() + why);
        Assert.True(carrierCall.ExitCode == 0, carrierCall.Describe() + why);
        Assert.Contains(
            $"external number {ExternalNumber} not reached: Busy (SIP 486)",
            service.Output,
            StringComparison.Ordinal);
        Assert.Contains("goes on at the failed branch of node out", service.Output, StringComparison.Ordinal);
        ExternalCalls.AssertHeardOnce(
            RtpAudio.ReceivedAt(datagrams, callerMediaPort),
            "invalid",
            "The failed branch's prompt was not heard once: ");
        Assert.NotNull(cdr);
        Assert.Equal("self-service", cdr.Disposition);
        Assert.Null(cdr.TransferredTo);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task AQueueOverflowToAnExternalNumberBridgesTheCallerToTheCarrier()
    {
        var carrierPort = FreePorts.Sip();
        var carrierMediaPort = FreePorts.Media();
        var callerMediaPort = FreePorts.Media();
        await using var service = await ConfiguredAsync(
            carrierPort,
            "UPDATE Queue SET RefuseWhen = 'never', LeaveWhen = 'never'",
            OverflowToTheNumber);
        var sipp = new SippRunner(service.Root);
        await using var capture = await PacketCapture.StartAsync(
            $"udp portrange {service.RtpPortMin}-{service.RtpPortMax}", service.Root);
        await using var carrier = sipp.Start(
            "agent-answers.xml",
            carrierPort,
            TimeSpan.FromSeconds(40),
            "-m", "1",
            "-mp", carrierMediaPort.ToString(CultureInfo.InvariantCulture));
        var callId = $"e2e-external-overflow-{Guid.NewGuid():N}";

        var caller = await ExternalCalls.StartCaller(sipp, service, callId, callerMediaPort, talkMs: 9000)
            .WaitAsync();
        var carrierCall = await carrier.WaitAsync();
        var datagrams = await capture.StopAsync();
        var cdr = await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(5));

        var why = "\nService:\n" + service.Output;
        Assert.True(caller.ExitCode == 0, caller.Describe() + why);
        Assert.True(carrierCall.ExitCode == 0, carrierCall.Describe() + why);
        Assert.Contains(
            $"Call {callId} left queue sales for external number {ExternalNumber}",
            service.Output,
            StringComparison.Ordinal);
        var invite = carrierCall.Received.First(m => m.StartsWith("INVITE ", StringComparison.Ordinal));
        Assert.StartsWith(
            $"INVITE sip:{ExternalNumber}@127.0.0.1:{carrierPort} SIP/2.0",
            invite,
            StringComparison.Ordinal);
        Assert.Contains("From: <sip:5551234@", invite, StringComparison.Ordinal);
        ExternalCalls.AssertHears(
            datagrams, carrierMediaPort, CallerToneHz, "The carrier did not hear the caller");
        ExternalCalls.AssertHears(
            datagrams, callerMediaPort, CarrierToneHz, "The caller did not hear the external party");
        Assert.NotNull(cdr);
        Assert.Equal(("answered", "sales", ExternalNumber), (cdr.Disposition, cdr.Queue, cdr.TransferredTo));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task AnOverflowTheCarrierCannotTakeEndsWithTheApology()
    {
        var carrierPort = FreePorts.Sip();
        var callerMediaPort = FreePorts.Media();
        await using var service = await ConfiguredAsync(
            carrierPort,
            "UPDATE Queue SET RefuseWhen = 'never', LeaveWhen = 'never'",
            OverflowToTheNumber);
        var sipp = new SippRunner(service.Root);
        await using var capture = await PacketCapture.StartAsync($"udp port {callerMediaPort}", service.Root);
        await using var carrier = sipp.Start(
            "carrier-unavailable.xml",
            carrierPort,
            TimeSpan.FromSeconds(30),
            "-m",
            "1");
        var callId = $"e2e-external-unavailable-{Guid.NewGuid():N}";

        var caller = await ExternalCalls.StartCaller(
            sipp,
            service,
            callId,
            callerMediaPort,
            talkMs: 10000,
            bye: false).WaitAsync();
        var carrierCall = await carrier.WaitAsync();
        var datagrams = await capture.StopAsync();
        var cdr = await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(5));

        var why = "\nService:\n" + service.Output;
        Assert.True(caller.ExitCode == 0, caller.Describe() + why);
        Assert.True(carrierCall.ExitCode == 0, carrierCall.Describe() + why);
        Assert.Contains(
            $"external number {ExternalNumber} not reached: Unavailable (SIP 503)",
            service.Output,
            StringComparison.Ordinal);
        ExternalCalls.AssertHeardOnce(
            RtpAudio.ReceivedAt(datagrams, callerMediaPort),
            "noagent",
            "The apology was not heard once: ");
        Assert.NotNull(cdr);
        Assert.Equal(("no-agent", "sales"), (cdr.Disposition, cdr.Queue));
    }

    /// <summary>A service whose external route is the carrier port and whose database was changed.</summary>
    private static async Task<ApplianceProcess> ConfiguredAsync(int carrierPort, params string[] statements)
    {
        await using var seeded = await ApplianceProcess.StartAsync(
            "--Telephony:External:Destination=127.0.0.1:" + carrierPort.ToString(CultureInfo.InvariantCulture));
        await seeded.StopGracefullyAsync(TimeSpan.FromSeconds(20));
        using (var db = new SQLiteConnection(seeded.DatabasePath))
        {
            foreach (var statement in statements)
            {
                db.Execute(statement);
            }
        }

        return await seeded.StartAgainAsync();
    }
}
