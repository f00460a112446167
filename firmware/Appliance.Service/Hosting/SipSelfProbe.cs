using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Appliance.Service.Hosting;

/// <summary>
/// The service's own health check: an OPTIONS (RFC 3261 §11) from a loopback socket to the SIP
/// port, answered only if the transport, the transaction layer and the switchboard all still
/// run. What a phone or a carrier would see, so a hung call path fails it.
/// </summary>
internal sealed class SipSelfProbe
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(2);

    private readonly IPEndPoint _target;

    public SipSelfProbe(IPEndPoint sipEndPoint)
    {
        // A service bound to every address is probed on loopback; one bound to a single address
        // is probed there, since that is the only place it listens.
        var address = sipEndPoint.Address.Equals(IPAddress.Any) ? IPAddress.Loopback : sipEndPoint.Address;
        _target = new IPEndPoint(address, sipEndPoint.Port);
    }

    /// <summary>Null when the service answered; otherwise why the check failed.</summary>
    public async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        using var socket = new UdpClient(new IPEndPoint(_target.Address, 0));
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
        var request = Encoding.ASCII.GetBytes(Options(id, ((IPEndPoint)socket.Client.LocalEndPoint!).Port));
        await socket.SendAsync(request, _target, cancellationToken).ConfigureAwait(false);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Wait);
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(timeout.Token).ConfigureAwait(false);
                var text = Encoding.UTF8.GetString(received.Buffer);
                if (text.StartsWith("SIP/2.0 ", StringComparison.Ordinal)
                    && text.Contains($"probe-{id}", StringComparison.Ordinal))
                {
                    return null;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"no answer to OPTIONS on {_target} within {Wait.TotalSeconds} s");
        }
    }

    private string Options(string id, int localPort) =>
        $"OPTIONS sip:{Host(_target)} SIP/2.0\r\n"
        + $"Via: SIP/2.0/UDP {Host(new IPEndPoint(_target.Address, localPort))};branch=z9hG4bK{id};rport\r\n"
        + "Max-Forwards: 70\r\n"
        + $"From: <sip:health@{Host(new IPEndPoint(_target.Address, localPort))}>;tag={id[..8]}\r\n"
        + $"To: <sip:{Host(_target)}>\r\n"
        + $"Call-ID: probe-{id}\r\n"
        + "CSeq: 1 OPTIONS\r\n"
        + "Content-Length: 0\r\n\r\n";

    private static string Host(IPEndPoint endPoint) =>
        endPoint.AddressFamily == AddressFamily.InterNetworkV6
            ? $"[{endPoint.Address}]:{endPoint.Port}"
            : $"{endPoint.Address}:{endPoint.Port}";
}
