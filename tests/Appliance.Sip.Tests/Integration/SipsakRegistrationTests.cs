using System.Globalization;
using System.Net;
using Appliance.Sip.Auth;
using Appliance.Sip.Registration;
using Appliance.Sip.Tests.Support;
using Appliance.Sip.Transactions;
using Appliance.Sip.Transport;

namespace Appliance.Sip.Tests.Integration;

/// <summary>The real sipsak registers against our transport, transaction layer and registrar.</summary>
[Trait("Category", "Integration")]
public sealed class SipsakRegistrationTests
{
    [InstalledBinaryFact("sipsak", "sipsak")]
    public async Task SipsakRegistersWithDigestAuthentication()
    {
        var log = new CapturedLog();
        await using var transport = new SipUdpTransport(new IPEndPoint(IPAddress.Loopback, 0), log.Logger);
        await using var layer = new SipTransactionLayer(transport, TimeProvider.System, log.Logger);
        var auth = new DigestAuthenticator("sparkle.test", TimeProvider.System);
        using var registrar = new SipRegistrar(
            auth,
            user => user == "1001" ? "sparkle-1001" : null,
            TimeProvider.System,
            log.Logger);
        layer.RequestReceived = registrar.HandleAsync;
        layer.Start();
        var port = transport.LocalEndPoint.Port.ToString(CultureInfo.InvariantCulture);

        var (exitCode, output) = await ExternalCommand.RunAsync(TimeSpan.FromSeconds(20), 
            "sipsak",
            "-U", "-C", "sip:1001@127.0.0.1:5099", "-x", "120",
            "-s", $"sip:1001@127.0.0.1:{port}",
            "-u", "1001", "-a", "sparkle-1001", "-H", "127.0.0.1", "-vvv");

        Assert.True(exitCode == 0, $"sipsak exited {exitCode}:\n{output}");
        var binding = Assert.Single(registrar.Lookup("1001"));
        Assert.Equal("sip:1001@127.0.0.1:5099", binding.Contact.ToString());
        Assert.Contains("SIP/2.0 401 Unauthorized", output, StringComparison.Ordinal);
        Assert.Contains("SIP/2.0 200 OK", output, StringComparison.Ordinal);
    }

    [InstalledBinaryFact("sipsak", "sipsak")]
    public async Task SipsakWithWrongPasswordIsNotRegistered()
    {
        var log = new CapturedLog();
        await using var transport = new SipUdpTransport(new IPEndPoint(IPAddress.Loopback, 0), log.Logger);
        await using var layer = new SipTransactionLayer(transport, TimeProvider.System, log.Logger);
        using var registrar = new SipRegistrar(
            new DigestAuthenticator("sparkle.test", TimeProvider.System),
            user => user == "1001" ? "sparkle-1001" : null,
            TimeProvider.System,
            log.Logger);
        layer.RequestReceived = registrar.HandleAsync;
        layer.Start();
        var port = transport.LocalEndPoint.Port.ToString(CultureInfo.InvariantCulture);

        var (exitCode, output) = await ExternalCommand.RunAsync(TimeSpan.FromSeconds(20), 
            "sipsak",
            "-U", "-C", "sip:1001@127.0.0.1:5099", "-x", "120",
            "-s", $"sip:1001@127.0.0.1:{port}",
            "-u", "1001", "-a", "wrong", "-H", "127.0.0.1", "-vvv");

        Assert.True(exitCode != 0, $"sipsak succeeded with a wrong password:\n{output}");
        Assert.Empty(registrar.Lookup("1001"));
    }
}
