using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Appliance.Sip.Tests.Support;
using Appliance.Sip.Transactions;
using Appliance.Sip.Transport;
using Appliance.Sip.Trunks;
using Serilog.Events;

namespace Appliance.Sip.Tests.Integration;

/// <summary>
/// OPTIONS qualify of a carrier trunk's servers against real peers: dnsmasq gives two SRV servers,
/// the first a socket that never answers, the second a SIPp answering 200; on the real clock, as
/// the round trip is what is measured.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CarrierTrunkQualifyTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(20);

    private readonly CapturedLog _log = new();

    [InstalledBinaryFact("dnsmasq", "dnsmasq-base")]
    public async Task SilentServerIsUnreachableAndSkippedWhileTheAnsweringOneKeepsItsRoundTrips()
    {
        await using var boxTransport = new SipUdpTransport(new IPEndPoint(IPAddress.Loopback, 0), _log.Logger);
        await using var box = new SipTransactionLayer(boxTransport, TimeProvider.System, _log.Logger);
        box.Start();
        using var silent = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var silentPort = ((IPEndPoint)silent.Client.LocalEndPoint!).Port;
        var answeringPort = LoopbackPorts.FreeUdpPort();
        await using var dns = await Dnsmasq.StartAsync(
            Dnsmasq.CarrierSrv(silentPort, 10, "silent.carrier.test"),
            Dnsmasq.CarrierSrv(answeringPort, 20, "answering.carrier.test"),
            "--host-record=silent.carrier.test,127.0.0.1",
            "--host-record=answering.carrier.test,127.0.0.1");
        var sipp = ExternalCommand.RunAsync(
            TimeSpan.FromSeconds(60),
            "sipp",
            "-sf", Path.Combine(AppContext.BaseDirectory, "Scenarios", "carrier-options.xml"),
            "-i", "127.0.0.1", "-p", answeringPort.ToString(CultureInfo.InvariantCulture), "-bind_local",
            "-m", "2", "-nostdin", "-timeout", "40s", "-timeout_error");
        await LoopbackPorts.WaitUntilBoundAsync(answeringPort, s_wait);
        await using var trunk = new CarrierTrunk(
            box, dns.Resolver(_log.Logger), Options(), TimeProvider.System, _log.Logger);

        await trunk.QualifyAsync().WaitAsync(s_wait);
        await trunk.QualifyAsync().WaitAsync(s_wait);
        var status = trunk.Status();
        var targets = await trunk.TargetsAsync();
        var (exitCode, output) = await sipp.WaitAsync(s_wait);

        Assert.True(status.Reachable);
        Assert.Equal(2, status.Servers.Count);
        var silentServer = status.Servers.Single(s => s.Target.EndPoint.Port == silentPort);
        Assert.False(silentServer.Qualify.Reachable);
        Assert.Null(silentServer.Qualify.LastRtt);
        var answering = status.Servers.Single(s => s.Target.EndPoint.Port == answeringPort);
        Assert.True(answering.Qualify.Reachable);
        Assert.InRange(answering.Qualify.LastRtt!.Value, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(3));
        Assert.NotNull(answering.Qualify.SmoothedRtt);
        Assert.Equal([answeringPort], targets.Select(t => t.EndPoint.Port));
        Assert.True(exitCode == 0, output);
        Assert.Contains(
            _log.At(LogEventLevel.Warning),
            e => e.MessageTemplate.Text.Contains("is unreachable", StringComparison.Ordinal));
    }

    private static CarrierTrunkOptions Options() => new()
    {
        Name = "carrier",
        Host = "carrier.test",
        QualifyInterval = TimeSpan.FromMinutes(1),
        QualifyTimeout = TimeSpan.FromSeconds(3),
    };
}
