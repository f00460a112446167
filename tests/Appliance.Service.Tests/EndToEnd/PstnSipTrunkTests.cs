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
        var carrierPort = FreePorts.Sip();
        var carrierMedia = FreePorts.Media();
        await using var service = await StartAsync(carrierPort);
        var gateway = await GatewayEndPoint.PortAsync(service, s_timeout);
        var sipp = new SippRunner(service.Root);
        await using var carrier = sipp.Start("carrier-rings.xml", carrierPort, TimeSpan.FromSeconds(40),
            "-m", "1", "-mp", carrierMedia.ToString(CultureInfo.InvariantCulture));

        await using var caller = sipp.Start("caller-cancels.xml", FreePorts.Sip(), TimeSpan.FromSeconds(40),
            $"127.0.0.1:{gateway}", "-s", Number, "-m", "1", "-mp", Media());
        var callerResult = await caller.WaitAsync();
        var carrierResult = await carrier.WaitAsync();

        Assert.True(carrierResult.ExitCode == 0, carrierResult.Describe() + "\nService:\n" + service.Output);
        Assert.True(callerResult.ExitCode == 0, callerResult.Describe() + "\nService:\n" + service.Output);
        Assert.Contains("CANCEL", carrierResult.ReceivedRequestLines.Select(l => l.Split(' ')[0]));
        Assert.Equal([180, 183, 200, 487], callerResult.ReceivedStatusCodes.Where(c => c != 100));
        var progress = callerResult.Received.First(m => m.StartsWith("SIP/2.0 183", StringComparison.Ordinal));
        Assert.Contains($"m=audio {carrierMedia} RTP/AVP 8", progress, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task TheCarriersSessionProgressWithItsSdpReachesTheCallerBeforeTheAnswer()
    {
        var carrierPort = FreePorts.Sip();
        var carrierMedia = FreePorts.Media();
        await using var service = await StartAsync(carrierPort);
        var gateway = await GatewayEndPoint.PortAsync(service, s_timeout);
        var sipp = new SippRunner(service.Root);
        await using var carrier = sipp.Start("carrier-early-media.xml", carrierPort, TimeSpan.FromSeconds(40),
            "-m", "1", "-mp", carrierMedia.ToString(CultureInfo.InvariantCulture));

        await using var caller = sipp.Start("caller.xml", FreePorts.Sip(), TimeSpan.FromSeconds(40),
            $"127.0.0.1:{gateway}", "-s", Number, "-set", "talk", "500", "-m", "1", "-mp", Media());
        var callerResult = await caller.WaitAsync();
        var carrierResult = await carrier.WaitAsync();

        Assert.True(callerResult.ExitCode == 0, callerResult.Describe() + "\nService:\n" + service.Output);
        Assert.True(carrierResult.ExitCode == 0, carrierResult.Describe() + "\nService:\n" + service.Output);
        var codes = callerResult.ReceivedStatusCodes.Where(c => c != 100).ToList();
        Assert.True(
            codes.IndexOf(183) >= 0 && codes.IndexOf(183) < codes.IndexOf(200),
            $"{string.Join(", ", codes)}\n{callerResult.Describe()}\nService:\n{service.Output}");
        var progress = callerResult.Received.First(m => m.StartsWith("SIP/2.0 183", StringComparison.Ordinal));
        var answer = callerResult.Received.First(m => m.StartsWith("SIP/2.0 200", StringComparison.Ordinal));
        Assert.Contains($"m=audio {carrierMedia} RTP/AVP 8", progress, StringComparison.Ordinal);
        Assert.Equal(ToTag(progress), ToTag(answer));
        Assert.Contains("BYE", carrierResult.ReceivedRequestLines.Select(l => l.Split(' ')[0]));
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
