using System.Globalization;
using Appliance.Service.Tests.Support;

namespace Appliance.Service.Tests.EndToEnd;

/// <summary>
/// The gateway as a B2BUA between a caller on its SIP port and a SIP carrier of Pstn:SipTrunks, in
/// the real service: SIPp plays both. The carrier's 180 and 183 with SDP reach the caller before
/// the answer, and a caller who gives up while the carrier rings has its CANCEL passed on.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PstnSipTrunkTests
{
    private const string Number = "13900139000";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ACallerWhoHangsUpWhileTheCarrierRingsCancelsTheCarriersCallAfterHearingItsRing()
    {
        var carrierMedia = FreePorts.Media();

        var (caller, carrier, service) = await CallThroughCarrierAsync(
            "carrier-rings.xml", carrierMedia, "caller-cancels.xml");

        Assert.True(carrier.ExitCode == 0, carrier.Describe() + "\nService:\n" + service);
        Assert.True(caller.ExitCode == 0, caller.Describe() + "\nService:\n" + service);
        Assert.Contains("CANCEL", carrier.ReceivedRequestLines.Select(l => l.Split(' ')[0]));
        Assert.Equal([180, 183, 200, 487], caller.ReceivedStatusCodes.Where(c => c != 100));
        var progress = caller.Received.First(m => m.StartsWith("SIP/2.0 183", StringComparison.Ordinal));
        Assert.Contains($"m=audio {carrierMedia} RTP/AVP 8", progress, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task TheCarriersSessionProgressWithItsSdpReachesTheCallerBeforeTheAnswer()
    {
        var carrierMedia = FreePorts.Media();

        var (caller, carrier, service) = await CallThroughCarrierAsync(
            "carrier-early-media.xml", carrierMedia, "caller.xml", "-set", "talk", "500");

        Assert.True(caller.ExitCode == 0, caller.Describe() + "\nService:\n" + service);
        Assert.True(carrier.ExitCode == 0, carrier.Describe() + "\nService:\n" + service);
        var codes = caller.ReceivedStatusCodes.Where(c => c != 100).ToList();
        Assert.True(
            codes.IndexOf(183) >= 0 && codes.IndexOf(183) < codes.IndexOf(200),
            $"{string.Join(", ", codes)}\n{caller.Describe()}\nService:\n{service}");
        var progress = caller.Received.First(m => m.StartsWith("SIP/2.0 183", StringComparison.Ordinal));
        var answer = caller.Received.First(m => m.StartsWith("SIP/2.0 200", StringComparison.Ordinal));
        Assert.Contains($"m=audio {carrierMedia} RTP/AVP 8", progress, StringComparison.Ordinal);
        Assert.Equal(ToTag(progress), ToTag(answer));
        Assert.Contains("BYE", carrier.ReceivedRequestLines.Select(l => l.Split(' ')[0]));
    }

    /// <summary>Starts the service with one E1 and the carrier first on the route, runs the SIPp
    /// carrier on its trunk port and the SIPp caller on the gateway's SIP port, and waits for both.</summary>
    /// <returns>Both runs and the service's output.</returns>
    private static async Task<(SippResult Caller, SippResult Carrier, string Service)> CallThroughCarrierAsync(
        string carrierScenario,
        int carrierMedia,
        string callerScenario,
        params string[] callerArguments)
    {
        var carrierPort = FreePorts.Sip();
        await using var service = await StartAsync(carrierPort);
        var gateway = await GatewayEndPoint.PortAsync(service, s_timeout);
        var sipp = new SippRunner(service.Root);
        await using var carrier = sipp.Start(carrierScenario, carrierPort, TimeSpan.FromSeconds(40),
            "-m", "1", "-mp", carrierMedia.ToString(CultureInfo.InvariantCulture));

        await using var caller = sipp.Start(callerScenario, FreePorts.Sip(), TimeSpan.FromSeconds(40),
            [$"127.0.0.1:{gateway}", "-s", Number, "-m", "1", "-mp", Media(), .. callerArguments]);
        var callerResult = await caller.WaitAsync();
        var carrierResult = await carrier.WaitAsync();
        return (callerResult, carrierResult, service.Output);
    }

    private static async Task<ApplianceProcess> StartAsync(int carrierPort)
    {
        var socket = Path.Combine(Path.GetTempPath(), $"sparkle-e2e-{Guid.NewGuid():N}.sock");
        return await ApplianceProcess.StartAsync(
            $"--Pstn:Card=sim:{socket}?e1=1&fxo=0&gsm=0",
            $"--Pstn:SipTrunks=carrier=127.0.0.1:{carrierPort}",
            "--Pstn:SipTrunkQualify=false",
            "--Pstn:Routes==carrier,e1");
    }

    private static string Media() => FreePorts.Media().ToString(CultureInfo.InvariantCulture);

    private static string? ToTag(string message) =>
        SippResult.Header(message, "To")?.Split(";tag=", 2) is [_, var tag] ? tag : null;
}
