using System.Globalization;
using Appliance.Media.Codecs;
using Appliance.Service.Tests.Support;
using SQLite;

namespace Appliance.Service.Tests.EndToEnd;

/// <summary>
/// A remote agent: the demo's agent 1001 has no phone registered but an external number in
/// table Extension, so the ACD's offers to it go out through the outbound route
/// (Telephony:External:Destination), where a SIPp UAS plays its mobile. The SIPp caller of
/// caller.xml chooses sales with digit 1.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class RemoteAgentTests
{
    private const string Mobile = "+8613900139000";
    private const double CallerToneHz = 440;
    private const double AgentToneHz = 1000;
    private const int OneSecondOfWindows = 4;

    [Fact]
    [Trait("Category", "Integration")]
    public async Task AQueueCallOfferedToARemoteAgentRingsItsNumberThroughTheTrunk()
    {
        var carrierPort = FreePorts.Sip();
        var mobileMediaPort = FreePorts.Media();
        var callerMediaPort = FreePorts.Media();
        await using var service = await ConfiguredAsync(
            carrierPort, $"UPDATE Extension SET ExternalNumber = '{Mobile}' WHERE Number = '1001'");
        var sipp = new SippRunner(service.Root);
        await using var capture = await PacketCapture.StartAsync(
            $"udp portrange {service.RtpPortMin}-{service.RtpPortMax}", service.Root);
        await using var mobile = sipp.Start(
            "agent-answers.xml",
            carrierPort,
            TimeSpan.FromSeconds(40),
            "-m", "1",
            "-mp", Port(mobileMediaPort));
        var callId = $"e2e-remote-agent-{Guid.NewGuid():N}";

        var caller = await sipp.Start(
            "caller.xml",
            FreePorts.Sip(),
            TimeSpan.FromSeconds(40),
            service.SipTarget,
            "-s", "100",
            "-set", "talk", "6000",
            "-cid_str", callId,
            "-mp", Port(callerMediaPort),
            "-m", "1").WaitAsync();
        var mobileCall = await mobile.WaitAsync();
        var datagrams = await capture.StopAsync();
        var cdr = await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(5));

        var why = "\nService:\n" + service.Output;
        Assert.True(caller.ExitCode == 0, caller.Describe() + why);
        Assert.True(mobileCall.ExitCode == 0, mobileCall.Describe() + why);
        var invite = mobileCall.Received.First(m => m.StartsWith("INVITE ", StringComparison.Ordinal));
        Assert.StartsWith(
            $"INVITE sip:{Mobile}@127.0.0.1:{carrierPort} SIP/2.0",
            invite,
            StringComparison.Ordinal);
        Assert.Contains("From: <sip:5551234@", invite, StringComparison.Ordinal);
        Assert.Contains($"offered to remote agent 1001 at {Mobile}", service.Output, StringComparison.Ordinal);
        AssertHears(datagrams, mobileMediaPort, CallerToneHz, "The remote agent did not hear the caller");
        AssertHears(datagrams, callerMediaPort, AgentToneHz, "The caller did not hear the remote agent");
        Assert.NotNull(cdr);
        Assert.Equal(("answered", "sales", "1001"), (cdr.Disposition, cdr.Queue, cdr.Agent));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ARemoteAgentWhoseNumberIsBusyMissesTheOfferAndTheCallGoesToAnAgentOnAPhone()
    {
        var carrierPort = FreePorts.Sip();
        await using var service = await ConfiguredAsync(
            carrierPort, $"UPDATE Extension SET ExternalNumber = '{Mobile}' WHERE Number = '1001'");
        var sipp = new SippRunner(service.Root);
        await using var mobile = sipp.Start(
            "called-busy.xml",
            carrierPort,
            TimeSpan.FromSeconds(30),
            "-m",
            "1");
        await using var desk = await new AgentPhones(sipp, service)
            .StartAsync("1002", "agent-answers.xml", TimeSpan.FromSeconds(40));
        var callId = $"e2e-remote-busy-{Guid.NewGuid():N}";

        var caller = await sipp.Start(
            "caller.xml",
            FreePorts.Sip(),
            TimeSpan.FromSeconds(40),
            service.SipTarget,
            "-s", "100",
            "-set", "talk", "4000",
            "-cid_str", callId,
            "-mp", Port(FreePorts.Media()),
            "-m", "1").WaitAsync();
        var mobileCall = await mobile.WaitAsync();
        var deskCall = await desk.Peer.WaitAsync();
        var cdr = await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(5));

        var why = "\nService:\n" + service.Output;
        Assert.True(caller.ExitCode == 0, caller.Describe() + why);
        Assert.True(mobileCall.ExitCode == 0, mobileCall.Describe() + why);
        Assert.True(deskCall.ExitCode == 0, deskCall.Describe() + why);
        Assert.Contains("agent 1001 did not take the call (486)", service.Output, StringComparison.Ordinal);
        Assert.NotNull(cdr);
        Assert.Equal(("answered", "1002"), (cdr.Disposition, cdr.Agent));
    }

    private static void AssertHears(IReadOnlyList<CapturedDatagram> datagrams, int port, double hz, string what)
    {
        var heard = ToneAnalysis.WindowFrequencies(RtpAudio.ReceivedAt(datagrams, port));
        Assert.True(
            ToneAnalysis.WindowsAt(heard, hz) >= OneSecondOfWindows,
            $"{what}'s {hz} Hz: {ToneAnalysis.Describe(heard)}");
    }

    /// <summary>A service whose external route is the carrier port and whose database was changed.</summary>
    private static async Task<ApplianceProcess> ConfiguredAsync(int carrierPort, params string[] statements)
    {
        await using var seeded = await ApplianceProcess.StartAsync(
            "--Telephony:External:Destination=127.0.0.1:" + Port(carrierPort));
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

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
