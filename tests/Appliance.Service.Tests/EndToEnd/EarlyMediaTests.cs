using System.Globalization;
using Appliance.Media.Codecs;
using Appliance.Service.Tests.Support;

namespace Appliance.Service.Tests.EndToEnd;

/// <summary>
/// Early media of an external number: a SIPp UAS plays the carrier, whose 183 with SDP is
/// followed by 2 s of an 1800 Hz tone (the network's ringback or announcement) before it answers
/// or fails the call. The SIPp caller of caller.xml (5551234, 440 Hz) comes in on DID 100, the
/// IVR answers it and its flow transfers it to the number; what arrives at the caller's media
/// port is checked.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class EarlyMediaTests
{
    private const string ExternalNumber = "+8613800138000";
    private const double EarlyMediaToneHz = 1800;
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
    public async Task TheCallerHearsTheNetworksEarlyMediaBeforeTheNumberAnswers()
    {
        var carrierPort = FreePorts.Sip();
        var carrierMediaPort = FreePorts.Media();
        var callerMediaPort = FreePorts.Media();
        using var flows = new FlowFolder(TransferFlow);
        await using var service = await ApplianceProcess.StartAsync(
            $"--Ivr:FlowDirectory={flows.Path}",
            "--Telephony:External:Destination=127.0.0.1:" + Port(carrierPort));
        var sipp = new SippRunner(service.Root);
        await using var capture = await PacketCapture.StartAsync($"udp port {callerMediaPort}", service.Root);
        await using var carrier = sipp.Start(
            "carrier-announces-answers.xml",
            carrierPort,
            TimeSpan.FromSeconds(40),
            "-m", "1",
            "-mp", Port(carrierMediaPort));
        var callId = $"e2e-early-media-{Guid.NewGuid():N}";

        var caller = await StartCaller(sipp, service, callId, callerMediaPort, bye: true).WaitAsync();
        var carrierCall = await carrier.WaitAsync();
        var heard = ToneAnalysis.WindowFrequencies(RtpAudio.ReceivedAt(await capture.StopAsync(), callerMediaPort));
        var cdr = await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(5));

        var why = "\nService:\n" + service.Output;
        Assert.True(caller.ExitCode == 0, caller.Describe() + why);
        Assert.True(carrierCall.ExitCode == 0, carrierCall.Describe() + why);
        Assert.Contains(
            $"the caller hears the early media of external number {ExternalNumber} (183)",
            service.Output,
            StringComparison.Ordinal);
        var answered = FirstWindowAt(heard, CarrierToneHz);
        Assert.True(answered >= 0, "The caller did not hear the answered number: " + ToneAnalysis.Describe(heard));
        Assert.True(
            ToneAnalysis.WindowsAt([.. heard.Take(answered)], EarlyMediaToneHz) >= OneSecondOfWindows,
            "The caller did not hear the early media before the answer: " + ToneAnalysis.Describe(heard));
        Assert.NotNull(cdr);
        Assert.Equal(("answered", ExternalNumber), (cdr.Disposition, cdr.TransferredTo));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ANumberThatFailsAfterItsEarlyMediaSendsTheCallerOnInItsFlow()
    {
        var carrierPort = FreePorts.Sip();
        var carrierMediaPort = FreePorts.Media();
        var callerMediaPort = FreePorts.Media();
        using var flows = new FlowFolder(TransferFlow);
        await using var service = await ApplianceProcess.StartAsync(
            $"--Ivr:FlowDirectory={flows.Path}",
            "--Telephony:External:Destination=127.0.0.1:" + Port(carrierPort));
        var sipp = new SippRunner(service.Root);
        await using var capture = await PacketCapture.StartAsync($"udp port {callerMediaPort}", service.Root);
        await using var carrier = sipp.Start(
            "carrier-announces-busy.xml",
            carrierPort,
            TimeSpan.FromSeconds(30),
            "-m", "1",
            "-mp", Port(carrierMediaPort));
        var callId = $"e2e-early-media-busy-{Guid.NewGuid():N}";

        var caller = await StartCaller(sipp, service, callId, callerMediaPort, bye: false).WaitAsync();
        var carrierCall = await carrier.WaitAsync();
        var audio = RtpAudio.ReceivedAt(await capture.StopAsync(), callerMediaPort);
        var cdr = await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(5));

        var why = "\nService:\n" + service.Output;
        Assert.True(caller.ExitCode == 0, caller.Describe() + why);
        Assert.True(carrierCall.ExitCode == 0, carrierCall.Describe() + why);
        Assert.Contains(
            $"external number {ExternalNumber} not reached: Busy (SIP 486)",
            service.Output,
            StringComparison.Ordinal);
        var heard = ToneAnalysis.WindowFrequencies(audio);
        Assert.True(
            ToneAnalysis.WindowsAt(heard, EarlyMediaToneHz) >= OneSecondOfWindows,
            "The caller did not hear the early media: " + ToneAnalysis.Describe(heard));
        var sorry = PromptAudio.Read("invalid");
        Assert.True(
            PromptAudio.CountWholePlays(audio, sorry, AudioCodec.Pcmu) == 1,
            "The failed branch's prompt was not heard once: " + PromptAudio.DescribeBestMatch(
                audio,
                sorry,
                AudioCodec.Pcmu));
        Assert.NotNull(cdr);
        Assert.Equal("self-service", cdr.Disposition);
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

    private static SippPeer StartCaller(SippRunner sipp, ApplianceProcess service, string callId, int mediaPort, bool bye)
    {
        // caller-until-bye.xml stays until the service hangs up and has no talk variable.
        string[] talk = bye ? ["-set", "talk", "6000"] : [];
        return sipp.Start(
            bye ? "caller.xml" : "caller-until-bye.xml",
            FreePorts.Sip(),
            TimeSpan.FromSeconds(40),
            [
                service.SipTarget,
                "-s", "100",
                .. talk,
                "-cid_str", callId,
                "-mp", Port(mediaPort),
                "-m", "1",
            ]);
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
