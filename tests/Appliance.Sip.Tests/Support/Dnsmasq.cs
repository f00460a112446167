using System.Diagnostics;
using System.Globalization;
using System.Net;
using Appliance.Sip.Resolution;
using DnsClient;
using Serilog;

namespace Appliance.Sip.Tests.Support;

/// <summary>
/// A real DNS server for resolution tests: dnsmasq (Debian <c>dnsmasq-base</c>) in the foreground
/// on a free loopback UDP port, answering only the records given on its command line, and
/// authoritative (NXDOMAIN) for the rest of <c>.test</c>. Killed on dispose.
/// </summary>
internal sealed class Dnsmasq : IAsyncDisposable
{
    private readonly Process _process;

    private Dnsmasq(Process process, int port)
    {
        _process = process;
        EndPoint = new IPEndPoint(IPAddress.Loopback, port);
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>Starts dnsmasq with dnsmasq's own record options, e.g.
    /// <c>--srv-host=_sip._udp.carrier.test,one.carrier.test,5070,10,0</c>, and waits for its port.</summary>
    public static async Task<Dnsmasq> StartAsync(params string[] records)
    {
        var port = LoopbackPorts.FreeUdpPort();
        var start = new ProcessStartInfo("dnsmasq") { RedirectStandardOutput = true, RedirectStandardError = true };
        string[] fixedArguments =
        [
            "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--pid-file",
            "--listen-address=127.0.0.1", "--bind-interfaces", "--log-facility=-", "--local=/test/",
            string.Create(CultureInfo.InvariantCulture, $"--port={port}"),
        ];
        foreach (var argument in fixedArguments.Concat(records))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await LoopbackPorts.WaitUntilBoundAsync(port, TimeSpan.FromSeconds(10));
        return new Dnsmasq(process, port);
    }

    /// <summary>The dnsmasq option for one SRV record of <c>_sip._udp.carrier.test</c> (weight 0).</summary>
    public static string CarrierSrv(int port, int priority, string target) => string.Create(
        CultureInfo.InvariantCulture,
        $"--srv-host=_sip._udp.carrier.test,{target},{port},{priority},0");

    /// <summary>An RFC 3263 resolver asking only this server, without cache or retries.</summary>
    public SipTargetResolver Resolver(ILogger log) => new(
        new LookupClient(new LookupClientOptions(new NameServer(EndPoint))
        {
            UseCache = false,
            Retries = 0,
            Timeout = TimeSpan.FromSeconds(2),
            UseTcpFallback = false,
        }),
        log);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
