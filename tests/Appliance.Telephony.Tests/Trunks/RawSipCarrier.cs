using System.Net;
using System.Net.Sockets;
using Appliance.Sip.Messages;

namespace Appliance.Telephony.Tests.Trunks;

/// <summary>
/// A carrier's SIP port on a bare UDP socket: unlike a transaction layer it sends nothing by
/// itself (no 100 Trying), so a test decides every response, or stays silent.
/// </summary>
internal sealed class RawSipCarrier : IDisposable
{
    private readonly UdpClient _socket = new(new IPEndPoint(IPAddress.Loopback, 0));

    public IPEndPoint EndPoint => (IPEndPoint)_socket.Client.LocalEndPoint!;

    /// <summary>The next request with <paramref name="method"/>, skipping others; null when none
    /// comes within <paramref name="timeout"/>.</summary>
    public async Task<(SipRequest Request, IPEndPoint From)?> ReceiveAsync(string method, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var datagram = await _socket.ReceiveAsync(cancel.Token);
                if (SipParser.TryParse(datagram.Buffer, out var message, out _)
                    && message is SipRequest request
                    && request.Method == method)
                {
                    return (request, datagram.RemoteEndPoint);
                }
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Answers <paramref name="request"/> with <paramref name="status"/>, as a dialog's UAS.</summary>
    public async Task RespondAsync(
        SipRequest request,
        IPEndPoint to,
        int status,
        string toTag = "carrier1",
        params (string Name, string Value)[] headers)
    {
        var response = request.CreateResponse(status, toTag: toTag);
        response.Headers.Add("Contact", $"<sip:{EndPoint}>");
        foreach (var (name, value) in headers)
        {
            response.Headers.Add(name, value);
        }

        await _socket.SendAsync(response.ToBytes(), to);
    }

    public void Dispose() => _socket.Dispose();
}
