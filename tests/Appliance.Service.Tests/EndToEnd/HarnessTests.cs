using System.Globalization;
using Appliance.Service.Tests.Support;

namespace Appliance.Service.Tests.EndToEnd;

/// <summary>
/// The measuring tools of the end-to-end tests checked without the service: the caller scenario
/// calls the agent scenario directly, and the capture must show each tone at the other's port.
/// When this fails, an end-to-end failure says nothing about the service.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class HarnessTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task SippCallerAndAgentCallingEachOtherAreHeardInTheCapture()
    {
        var root = Directory.CreateTempSubdirectory("sparklecc-harness-").FullName;
        try
        {
            var sipp = new SippRunner(root);
            var agentSipPort = FreePorts.Sip();
            var agentMediaPort = FreePorts.Media();
            var callerMediaPort = FreePorts.Media();
            var callId = $"e2e-harness-{Guid.NewGuid():N}";
            await using var capture = await PacketCapture.StartAsync(
                $"udp port {agentMediaPort} or udp port {callerMediaPort}", root);
            await using var agent = sipp.Start(
                "agent-answers.xml", agentSipPort, TimeSpan.FromSeconds(20),
                "-m", "1", "-mp", agentMediaPort.ToString(CultureInfo.InvariantCulture));
            await Task.Delay(TimeSpan.FromMilliseconds(300));

            var caller = await sipp.Start(
                "caller.xml", FreePorts.Sip(), TimeSpan.FromSeconds(20),
                $"127.0.0.1:{agentSipPort}", "-s", "100", "-set", "talk", "2000", "-m", "1", "-cid_str", callId,
                "-mp", callerMediaPort.ToString(CultureInfo.InvariantCulture)).WaitAsync();
            var agentCall = await agent.WaitAsync();
            var datagrams = await capture.StopAsync();

            Assert.True(caller.ExitCode == 0, caller.Describe());
            Assert.True(agentCall.ExitCode == 0, agentCall.Describe());
            Assert.Equal([180, 200, 200], caller.ReceivedStatusCodes);
            Assert.Equal(callId, SippResult.Header(agentCall.Received[0], "Call-ID"));
            var heardByCaller = ToneAnalysis.WindowFrequencies(RtpAudio.ReceivedAt(datagrams, callerMediaPort));
            var heardByAgent = ToneAnalysis.WindowFrequencies(RtpAudio.ReceivedAt(datagrams, agentMediaPort));
            Assert.True(ToneAnalysis.WindowsAt(heardByCaller, 1000) >= 12, ToneAnalysis.Describe(heardByCaller));
            Assert.True(ToneAnalysis.WindowsAt(heardByAgent, 440) >= 12, ToneAnalysis.Describe(heardByAgent));
            Assert.Contains("101x10", RtpAudio.PayloadTypes(datagrams, agentMediaPort), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
