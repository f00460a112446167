using System.Globalization;
using System.Net;
using Appliance.Sip.Registration;
using Appliance.Sip.Tests.Support;
using Appliance.Sip.Transactions;
using Appliance.Sip.Transport;
using Appliance.Sip.Trunks;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Sip.Tests.Integration;

/// <summary>
/// A carrier trunk that registers, against real peers: dnsmasq serves the carrier's NAPTR, SRV and
/// A records on loopback; the first SRV server is a SIPp that answers 503, the second a SIPp
/// registrar that challenges with digest and then accepts. The refresh is reached on a fake clock.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CarrierTrunkRegistrationTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(20);

    private readonly CapturedLog _log = new();

    [InstalledBinaryFact("dnsmasq", "dnsmasq-base")]
    public async Task TrunkRegistersThroughSrvFailoverWithDigestAndRefreshesBeforeExpiry()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 23, 0, 0, TimeSpan.Zero));
        await using var boxTransport = new SipUdpTransport(new IPEndPoint(IPAddress.Loopback, 0), _log.Logger);
        await using var box = new SipTransactionLayer(boxTransport, time, _log.Logger);
        box.Start();
        var downPort = LoopbackPorts.FreeUdpPort();
        var upPort = LoopbackPorts.FreeUdpPort();
        await using var dns = await Dnsmasq.StartAsync(
            "--naptr-record=carrier.test,10,10,s,SIP+D2U,,_sip._udp.carrier.test",
            Dnsmasq.CarrierSrv(downPort, 10, "down.carrier.test"),
            Dnsmasq.CarrierSrv(upPort, 20, "up.carrier.test"),
            "--host-record=down.carrier.test,127.0.0.1",
            "--host-record=up.carrier.test,127.0.0.1");
        var unavailable = Sipp("carrier-unavailable.xml", downPort);
        var registrar = Sipp("carrier-registrar.xml", upPort);
        await LoopbackPorts.WaitUntilBoundAsync(downPort, s_wait);
        await LoopbackPorts.WaitUntilBoundAsync(upPort, s_wait);
        await using var trunk = new CarrierTrunk(box, dns.Resolver(_log.Logger), Options(), time, _log.Logger);
        var grants = new List<DateTimeOffset>();
        var firstGrant = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondGrant = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        trunk.Registration!.Registered += expires =>
        {
            grants.Add(expires);
            (grants.Count == 1 ? firstGrant : secondGrant).TrySetResult();
        };

        trunk.Start();
        await firstGrant.Task.WaitAsync(s_wait);
        var first = trunk.Status().Registration!;
        time.Advance(TimeSpan.FromSeconds(31));
        await secondGrant.Task.WaitAsync(s_wait);
        var (unavailableExit, unavailableOutput) = await unavailable.WaitAsync(s_wait);
        var (registrarExit, registrarOutput) = await registrar.WaitAsync(s_wait);

        Assert.Equal(SipRegistrationState.Registered, first.State);
        Assert.Equal(upPort, first.Target?.Port);
        Assert.Equal(time.Start.AddSeconds(60), first.ExpiresUtc);
        Assert.Null(first.LastError);
        Assert.Equal(time.Start.AddSeconds(91), grants[1]);
        Assert.True(unavailableExit == 0, unavailableOutput);
        Assert.True(registrarExit == 0, registrarOutput);
    }

    private static CarrierTrunkOptions Options() => new()
    {
        Name = "carrier",
        Host = "carrier.test",
        Register = true,
        User = "box",
        Password = "trunk-secret",
        Expires = TimeSpan.FromSeconds(60),
    };

    private static Task<(int ExitCode, string Output)> Sipp(string scenario, int port) => ExternalCommand.RunAsync(
        TimeSpan.FromSeconds(60),
        "sipp",
        "-sf", Path.Combine(AppContext.BaseDirectory, "Scenarios", scenario),
        "-i", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-bind_local",
        "-m", "1", "-nostdin", "-timeout", "40s", "-timeout_error", "-key", "grant", "60");
}
