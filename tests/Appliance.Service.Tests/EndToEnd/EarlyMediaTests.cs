using Appliance.Service.Tests.Support;
using static Appliance.Service.Tests.Support.ExternalCalls;

namespace Appliance.Service.Tests.EndToEnd;

/// <summary>
/// Early media of an external number: a SIPp UAS plays the carrier, whose 183 with SDP is
/// followed by 2 s of an 1800 Hz tone (the network's ringback or announcement) before it answers
/// or fails the call. The SIPp caller comes in on DID 100, the IVR answers it and its flow
/// transfers it to the number (<see cref="ExternalCalls"/>); what arrives at the caller's media
/// port is checked.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class EarlyMediaTests
{
    private const double EarlyMediaToneHz = 1800;

    [Fact]
    [Trait("Category", "Integration")]
    public async Task TheCallerHearsTheNetworksEarlyMediaBeforeTheNumberAnswers()
    {
        var call = await TransferAsync("carrier-announces-answers.xml", callerHangsUp: true);

        var heard = ToneAnalysis.WindowFrequencies(call.Heard);
        Assert.Contains(
            $"the caller hears the early media of external number {Number} (183)",
            call.Output,
            StringComparison.Ordinal);
        var answered = FirstWindowAt(heard, CarrierToneHz);
        Assert.True(answered >= 0, "The caller did not hear the answered number: " + ToneAnalysis.Describe(heard));
        Assert.True(
            ToneAnalysis.WindowsAt([.. heard.Take(answered)], EarlyMediaToneHz) >= OneSecondOfWindows,
            "The caller did not hear the early media before the answer: " + ToneAnalysis.Describe(heard));
        Assert.Equal(("answered", Number), (call.Cdr.Disposition, call.Cdr.TransferredTo));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ANumberThatFailsAfterItsEarlyMediaSendsTheCallerOnInItsFlow()
    {
        var call = await TransferAsync("carrier-announces-busy.xml", callerHangsUp: false);

        var heard = ToneAnalysis.WindowFrequencies(call.Heard);
        Assert.Contains(
            $"external number {Number} not reached: Busy (SIP 486)", call.Output, StringComparison.Ordinal);
        Assert.True(
            ToneAnalysis.WindowsAt(heard, EarlyMediaToneHz) >= OneSecondOfWindows,
            "The caller did not hear the early media: " + ToneAnalysis.Describe(heard));
        AssertHeardOnce(call.Heard, "invalid", "The failed branch's prompt was not heard once: ");
        Assert.Equal("self-service", call.Cdr.Disposition);
    }

    /// <summary>
    /// One transferred call against the carrier of <paramref name="scenario"/>: both peers must
    /// end well and the call leave a record.
    /// </summary>
    private static async Task<TransferredCall> TransferAsync(string scenario, bool callerHangsUp)
    {
        var carrierPort = FreePorts.Sip();
        var callerMediaPort = FreePorts.Media();
        using var flows = new FlowFolder(TransferFlow);
        await using var service = await ApplianceProcess.StartAsync(
            $"--Ivr:FlowDirectory={flows.Path}",
            "--Telephony:External:Destination=" + Route(carrierPort));
        var sipp = new SippRunner(service.Root);
        await using var capture = await PacketCapture.StartAsync($"udp port {callerMediaPort}", service.Root);
        await using var carrier = sipp.Start(
            scenario,
            carrierPort,
            TimeSpan.FromSeconds(40),
            "-m", "1",
            "-mp", Port(FreePorts.Media()));
        var callId = $"e2e-early-media-{Guid.NewGuid():N}";

        var caller = await StartCaller(sipp, service, callId, callerMediaPort, talkMs: 6000, bye: callerHangsUp)
            .WaitAsync();
        var carrierCall = await carrier.WaitAsync();
        var heard = RtpAudio.ReceivedAt(await capture.StopAsync(), callerMediaPort);
        var cdr = await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(5));

        var why = "\nService:\n" + service.Output;
        Assert.True(caller.ExitCode == 0, caller.Describe() + why);
        Assert.True(carrierCall.ExitCode == 0, carrierCall.Describe() + why);
        Assert.True(cdr is not null, "No call record" + why);
        return new TransferredCall(heard, cdr, service.Output);
    }

    private static int FirstWindowAt(IReadOnlyList<double> windows, double hz)
    {
        for (var i = 0; i < windows.Count; i++)
        {
            if (Math.Abs(windows[i] - hz) <= 15)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>What the caller heard, the call's record and the service's log.</summary>
    private sealed record TransferredCall(short[] Heard, CdrSnapshot Cdr, string Output);
}
