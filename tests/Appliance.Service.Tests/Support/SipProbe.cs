using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Appliance.Service.Tests.Support;

/// <summary>
/// Raw SIP over UDP from a socket of its own on 127.0.0.1: one datagram out, the first datagram back
/// (or none within a wait). Used for what a well-behaved peer like SIPp will not send: malformed
/// datagrams, and the OPTIONS readiness probe.
/// </summary>
public static class SipProbe
{
    /// <summary>The status code of the answer to an OPTIONS, or null when none came within 500 ms.</summary>
    public static async Task<int?> OptionsAsync(IPEndPoint target)
    {
        using var socket = Bind();
        var request = Encoding.ASCII.GetBytes(Options(socket, target));
        var response = await ExchangeAsync(socket, request, target, TimeSpan.FromMilliseconds(500));
        return response is not null && response.StartsWith("SIP/2.0 ", StringComparison.Ordinal)
            && int.TryParse(response.AsSpan(8, 3), CultureInfo.InvariantCulture, out var code)
            ? code
            : null;
    }

    /// <summary>A socket on 127.0.0.1 and a free port, to write Via headers with.</summary>
    public static UdpClient Bind() => new(new IPEndPoint(IPAddress.Loopback, 0));

    public static int LocalPort(UdpClient socket) => ((IPEndPoint)socket.Client.LocalEndPoint!).Port;

    /// <summary>An OPTIONS request (RFC 3261 §11) with a Via naming <paramref name="socket"/>'s port.</summary>
    public static string Options(UdpClient socket, IPEndPoint target)
    {
        var port = LocalPort(socket);
        var id = Guid.NewGuid().ToString("N");
        return $"OPTIONS sip:{target.Address}:{target.Port} SIP/2.0\r\n"
            + $"Via: SIP/2.0/UDP 127.0.0.1:{port};branch=z9hG4bK{id};rport\r\n"
            + "Max-Forwards: 70\r\n"
            + $"From: <sip:probe@127.0.0.1:{port}>;tag={id[..8]}\r\n"
            + $"To: <sip:{target.Address}:{target.Port}>\r\n"
            + $"Call-ID: probe-{id}\r\n"
            + "CSeq: 1 OPTIONS\r\n"
            + "Accept: application/sdp\r\n"
            + "Content-Length: 0\r\n\r\n";
    }

    /// <summary>Sends <paramref name="datagram"/> and returns the first datagram back as text, or null.</summary>
    public static async Task<string?> ExchangeAsync(UdpClient socket, byte[] datagram, IPEndPoint target, TimeSpan wait)
    {
        await socket.SendAsync(datagram, target);
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            var received = await socket.ReceiveAsync(timeout.Token);
            return Encoding.UTF8.GetString(received.Buffer);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (SocketException)
        {
            // ICMP port unreachable: nothing listens there (yet).
            return null;
        }
    }
}
