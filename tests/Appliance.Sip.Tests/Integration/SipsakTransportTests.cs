using System.Globalization;
using System.Net;
using Appliance.Sip.Auth;
using Appliance.Sip.Registration;
using Appliance.Sip.Tests.Support;
using Appliance.Sip.Transactions;
using Appliance.Sip.Transport;

namespace Appliance.Sip.Tests.Integration;

/// <summary>The real sipsak sends OPTIONS and REGISTER over UDP and over TCP.</summary>
[Trait("Category", "Integration")]
public sealed class SipsakTransportTests
{
    [InstalledBinaryTheory("sipsak", "sipsak")]
    [InlineData("udp")]
    [InlineData("tcp")]
    public async Task SipsakOptionsIsAnswered200OverEachTransport(string transport)
    {
        await using var stack = new Stack();

        var (exitCode, output) = await ExternalCommand.RunAsync(TimeSpan.FromSeconds(30), 
            "sipsak", "--transport", transport, "-s", $"sip:probe@127.0.0.1:{stack.Port(transport)}", "-vv");

        Assert.True(exitCode == 0, $"sipsak exited {exitCode}:\n{output}");
        Assert.Contains("SIP/2.0 200 OK", output, StringComparison.Ordinal);
        Assert.Contains($"Via: SIP/2.0/{transport.ToUpperInvariant()}", output, StringComparison.Ordinal);
    }

    [InstalledBinaryTheory("sipsak", "sipsak")]
    [InlineData("udp")]
    [InlineData("tcp")]
    public async Task SipsakRegistersOverEachTransportAfterA401(string transport)
    {
        await using var stack = new Stack();

        var (exitCode, output) = await ExternalCommand.RunAsync(TimeSpan.FromSeconds(30), 
            "sipsak", "--transport", transport,
            "-U", "-C", "sip:1001@127.0.0.1:5099", "-x", "120",
            "-s", $"sip:1001@127.0.0.1:{stack.Port(transport)}",
            "-u", "1001", "-a", "sparkle-1001", "-H", "127.0.0.1", "-vvv");

        Assert.True(exitCode == 0, $"sipsak exited {exitCode}:\n{output}");
        Assert.Contains("SIP/2.0 401 Unauthorized", output, StringComparison.Ordinal);
        Assert.Contains("SIP/2.0 200 OK", output, StringComparison.Ordinal);
        Assert.Equal("sip:1001@127.0.0.1:5099", Assert.Single(stack.Registrar.Lookup("1001")).Contact.ToString());
    }

    /// <summary>UDP and TCP under one transaction layer with a registrar; OPTIONS answered 200.</summary>
    private sealed class Stack : IAsyncDisposable
    {
        private readonly CapturedLog _log = new();
        private readonly SipUdpTransport _udp;
        private readonly SipStreamTransport _tcp;
        private readonly SipTransactionLayer _layer;

        public Stack()
        {
            _udp = new SipUdpTransport(new IPEndPoint(IPAddress.Loopback, 0), _log.Logger);
            _tcp = new SipStreamTransport(new IPEndPoint(IPAddress.Loopback, 0), null, _log.Logger);
            _udp.AddStreamTransport(_tcp);
            _layer = new SipTransactionLayer(_udp, TimeProvider.System, _log.Logger);
            Registrar = new SipRegistrar(
                new DigestAuthenticator("sparkle.test", TimeProvider.System),
                user => user == "1001" ? "sparkle-1001" : null,
                TimeProvider.System,
                _log.Logger);
            _layer.RequestReceived = transaction => transaction.Request.Method == "REGISTER"
                ? Registrar.HandleAsync(transaction)
                : transaction.SendResponseAsync(transaction.Request.CreateResponse(200, toTag: "box"));
            _layer.Start();
            _tcp.Start();
        }

        public SipRegistrar Registrar { get; }

        public string Port(string transport) =>
            (transport == "tcp" ? _tcp.LocalEndPoint.Port : _udp.LocalEndPoint.Port)
                .ToString(CultureInfo.InvariantCulture);

        public async ValueTask DisposeAsync()
        {
            Registrar.Dispose();
            await _layer.DisposeAsync();
            await _tcp.DisposeAsync();
            await _udp.DisposeAsync();
        }
    }
}
