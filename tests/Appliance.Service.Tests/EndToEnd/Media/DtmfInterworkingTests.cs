using System.Globalization;
using Appliance.Service.Tests.Support;

namespace Appliance.Service.Tests.EndToEnd.Media;

/// <summary>
/// Key presses between a caller whose phone negotiated telephone-event (RFC 4733) and an agent
/// whose phone did not (PCMU alone, as a plain phone or a PSTN gateway answers), both SIPp
/// peers on the real service. What each side received is read from a packet capture: the
/// agent's digits from the tones in its audio, the caller's from the events sent to it.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class DtmfInterworkingTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task EventsAndInfoReachAPhoneWithoutTelephoneEventAsTonesAndItsTonesComeBackAsEvents()
    {
        await using var service = await ApplianceProcess.StartAsync();
        var sipp = new SippRunner(service.Root);
        await using var capture = await PacketCapture.StartAsync(
            $"udp portrange {service.RtpPortMin}-{service.RtpPortMax}", service.Root);
        await using var agent = await new AgentPhones(sipp, service)
            .StartAsync("1001", "agent-answers-inband.xml", TimeSpan.FromSeconds(40));
        var callerMediaPort = FreePorts.Media();
        var callId = $"e2e-dtmf-interworking-{Guid.NewGuid():N}";

        var caller = await sipp.Start(
            "caller-keys-when-bridged.xml",
            FreePorts.Sip(),
            TimeSpan.FromSeconds(40),
            service.SipTarget,
            "-s", "100",
            "-set", "wait", "5000",
            "-set", "talk", "6000",
            "-cid_str", callId,
            "-mp", callerMediaPort.ToString(CultureInfo.InvariantCulture),
            "-m", "1").WaitAsync();
        var agentCall = await agent.Peer.WaitAsync();
        var datagrams = await capture.StopAsync();

        Assert.True(caller.ExitCode == 0, caller.Describe() + "\nService:\n" + service.Output);
        Assert.True(agentCall.ExitCode == 0, agentCall.Describe() + "\nService:\n" + service.Output);
        Assert.Contains("answered by agent 1001", service.Output, StringComparison.Ordinal);
        var agentPayloads = RtpAudio.PayloadTypes(datagrams, agent.MediaPort);
        Assert.Equal("597", RtpDigits.InbandAt(datagrams, agent.MediaPort));
        Assert.DoesNotContain("101x", agentPayloads, StringComparison.Ordinal);
        var callerPayloads = RtpAudio.PayloadTypes(datagrams, callerMediaPort);
        Assert.True(
            RtpDigits.EventsAt(datagrams, callerMediaPort) == "42",
            $"The caller received events '{RtpDigits.EventsAt(datagrams, callerMediaPort)}' ({callerPayloads})");
        Assert.Equal("", RtpDigits.InbandAt(datagrams, callerMediaPort));
    }
}
