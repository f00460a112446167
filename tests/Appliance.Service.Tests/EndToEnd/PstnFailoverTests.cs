using System.Globalization;
using System.Text.RegularExpressions;
using Appliance.Drivers.Simulation;
using Appliance.Service.Tests.Support;

namespace Appliance.Service.Tests.EndToEnd;

/// <summary>
/// Outbound routes that fail over between the card and a SIP carrier, in the real service: a SIPp
/// caller dials through the gateway's SIP port; the simulated E1 is taken down over its control
/// socket, or the SIPp carrier answers 503, and the call takes the route's other group.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class PstnFailoverTests
{
    private const string Number = "13900139000";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    [Trait("Category", "Integration")]
    public async Task WithTheE1InAlarmTheCallGoesOnToTheSipCarrier()
    {
        var carrierPort = FreePorts.Sip();
        string socket = Path.Combine(Path.GetTempPath(), $"sparkle-e2e-{Guid.NewGuid():N}.sock");
        await using var service = await ApplianceProcess.StartAsync(
            $"--Pstn:Card=sim:{socket}?e1=1&fxo=0&gsm=0",
            $"--Pstn:SipTrunks=carrier=127.0.0.1:{carrierPort}",
            "--Pstn:SipTrunkQualify=false",
            "--Pstn:Routes==e1,carrier");
        var gateway = await GatewayEndPoint.PortAsync(service, s_timeout);
        await using var exchange = await SimulatedCardControl.ConnectAsync(socket, CancellationToken.None);
        await WaitForPortsAsync(exchange, "e1-0:30:alarms=0");
        await Command(exchange, "alarm 0 LOS");
        await WaitForPortsAsync(exchange, "e1-0:30:alarms=1");
        var sipp = new SippRunner(service.Root);
        await using var carrier = sipp.Start("agent-answers.xml", carrierPort, TimeSpan.FromSeconds(40),
            "-m", "1", "-mp", Media());

        await using var caller = sipp.Start("caller.xml", FreePorts.Sip(), TimeSpan.FromSeconds(40),
            $"127.0.0.1:{gateway}", "-s", Number, "-set", "talk", "2000", "-m", "1", "-mp", Media());
        var callerResult = await caller.WaitAsync();
        var carrierResult = await carrier.WaitAsync();

        Assert.True(callerResult.ExitCode == 0, callerResult.Describe() + "\nService:\n" + service.Output);
        Assert.True(carrierResult.ExitCode == 0, carrierResult.Describe() + "\nService:\n" + service.Output);
        var invite = carrierResult.Received.First(m => m.StartsWith("INVITE ", StringComparison.Ordinal));
        Assert.StartsWith($"INVITE sip:{Number}@127.0.0.1", invite, StringComparison.Ordinal);
        Assert.Contains("m=audio", invite, StringComparison.Ordinal);
        Assert.Contains("BYE", carrierResult.ReceivedRequestLines.Select(l => l.Split(' ')[0]));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ACarrierAnswering503SendsTheCallOnToTheE1()
    {
        var carrierPort = FreePorts.Sip();
        string socket = Path.Combine(Path.GetTempPath(), $"sparkle-e2e-{Guid.NewGuid():N}.sock");
        await using var service = await ApplianceProcess.StartAsync(
            $"--Pstn:Card=sim:{socket}?e1=1&fxo=0&gsm=0",
            $"--Pstn:SipTrunks=carrier=127.0.0.1:{carrierPort}",
            "--Pstn:SipTrunkQualify=false",
            "--Pstn:Routes==carrier,e1");
        var gateway = await GatewayEndPoint.PortAsync(service, s_timeout);
        await using var exchange = await SimulatedCardControl.ConnectAsync(socket, CancellationToken.None);
        await WaitForPortsAsync(exchange, "e1-0:30:alarms=0");
        var sipp = new SippRunner(service.Root);
        await using var carrier = sipp.Start("carrier-unavailable.xml", carrierPort, TimeSpan.FromSeconds(40),
            "-m", "1");

        await using var caller = sipp.Start("caller.xml", FreePorts.Sip(), TimeSpan.FromSeconds(40),
            $"127.0.0.1:{gateway}", "-s", Number, "-set", "talk", "2000", "-m", "1", "-mp", Media());
        var setup = await exchange.WaitForEventAsync("setup port=0", s_timeout, CancellationToken.None);
        var channel = SetupChannel().Match(setup).Groups[1].Value;
        await Command(exchange, $"answer 0 {channel}");
        var release = await exchange.WaitForEventAsync($"release port=0 channel={channel}", s_timeout,
            CancellationToken.None);
        var callerResult = await caller.WaitAsync();
        var carrierResult = await carrier.WaitAsync();

        Assert.True(carrierResult.ExitCode == 0, carrierResult.Describe() + "\nService:\n" + service.Output);
        Assert.True(callerResult.ExitCode == 0, callerResult.Describe() + "\nService:\n" + service.Output);
        Assert.Contains($"called={Number}", setup, StringComparison.Ordinal);
        Assert.Contains("cause=16", release, StringComparison.Ordinal);
        Assert.Contains(200, callerResult.ReceivedStatusCodes);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ACallerWhoGivesUpWhileTheE1IsDialledClearsTheLineAndIsAnswered487()
    {
        string socket = Path.Combine(Path.GetTempPath(), $"sparkle-e2e-{Guid.NewGuid():N}.sock");
        await using var service = await ApplianceProcess.StartAsync(
            $"--Pstn:Card=sim:{socket}?e1=1&fxo=0&gsm=0",
            "--Pstn:Routes==e1");
        var gateway = await GatewayEndPoint.PortAsync(service, s_timeout);
        await using var exchange = await SimulatedCardControl.ConnectAsync(socket, CancellationToken.None);
        await WaitForPortsAsync(exchange, "e1-0:30:alarms=0");
        var sipp = new SippRunner(service.Root);

        await using var caller = sipp.Start("caller-cancels-dialling.xml", FreePorts.Sip(),
            TimeSpan.FromSeconds(40), $"127.0.0.1:{gateway}", "-s", Number, "-m", "1", "-mp", Media());
        var setup = await exchange.WaitForEventAsync("setup port=0", s_timeout, CancellationToken.None);
        var channel = SetupChannel().Match(setup).Groups[1].Value;
        var release = await exchange.WaitForEventAsync($"release port=0 channel={channel}", s_timeout,
            CancellationToken.None);
        var callerResult = await caller.WaitAsync();

        Assert.True(callerResult.ExitCode == 0, callerResult.Describe() + "\nService:\n" + service.Output);
        Assert.Contains("cause=16", release, StringComparison.Ordinal);
        Assert.Contains(487, callerResult.ReceivedStatusCodes);
        Assert.Contains("idle", (await Command(exchange, $"state 0 {channel}")).Text, StringComparison.Ordinal);
    }

    private static string Media() => FreePorts.Media().ToString(CultureInfo.InvariantCulture);

    private static async Task<SimulatorReply> Command(SimulatedCardControl exchange, string command)
    {
        var reply = await exchange.CommandAsync(command, CancellationToken.None);
        Assert.True(reply.Ok, $"{command}: {reply.Text}");
        return reply;
    }

    private static async Task WaitForPortsAsync(SimulatedCardControl exchange, string wanted)
    {
        var deadline = DateTime.UtcNow + s_timeout;
        while (!(await Command(exchange, "ports")).Text.Contains(wanted, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The card never listed {wanted}");
            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"channel=(\d+)")]
    private static partial Regex SetupChannel();
}
