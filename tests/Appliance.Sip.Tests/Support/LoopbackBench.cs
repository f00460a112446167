using System.Net;
using System.Net.Sockets;
using System.Text;
using Appliance.Sip.Messages;
using Appliance.Sip.Transactions;
using Appliance.Sip.Transport;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Sip.Tests.Support;

/// <summary>
/// A transaction layer on a real loopback UDP socket with a fake clock, and a raw peer socket
/// that plays the far end. Waits on the peer are bounded by real time because the datagrams
/// really travel; no test sleeps for the protocol's own timers.
/// </summary>
internal sealed class LoopbackBench : IAsyncDisposable
{
    private static readonly TimeSpan s_receiveTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_silence = TimeSpan.FromMilliseconds(150);

    private readonly UdpClient _peer = new(new IPEndPoint(IPAddress.Loopback, 0));

    public LoopbackBench()
    {
        Transport = new SipUdpTransport(new IPEndPoint(IPAddress.Loopback, 0), Log.Logger);
        Layer = new SipTransactionLayer(Transport, Time, Log.Logger);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.Zero));

    public CapturedLog Log { get; } = new();

    public SipUdpTransport Transport { get; }

    public SipTransactionLayer Layer { get; }

    public IPEndPoint PeerEndPoint => (IPEndPoint)_peer.Client.LocalEndPoint!;

    /// <summary>The peer's host:port as it goes in a Via.</summary>
    public string PeerHost => $"127.0.0.1:{PeerEndPoint.Port}";

    public async Task SendFromPeerAsync(string text) =>
        await _peer.SendAsync(Encoding.UTF8.GetBytes(text), Transport.LocalEndPoint);

    public async Task<SipMessage> ReceiveAtPeerAsync()
    {
        using var timeout = new CancellationTokenSource(s_receiveTimeout);
        var result = await _peer.ReceiveAsync(timeout.Token);
        Assert.True(SipParser.TryParse(result.Buffer, out var message, out var error), error.Reason);
        return message;
    }

    public async Task<SipResponse> ReceiveResponseAtPeerAsync() =>
        Assert.IsType<SipResponse>(await ReceiveAtPeerAsync());

    public async Task<SipRequest> ReceiveRequestAtPeerAsync() =>
        Assert.IsType<SipRequest>(await ReceiveAtPeerAsync());

    /// <summary>True when no datagram reaches the peer within a short real-time window.</summary>
    public async Task<bool> PeerStaysSilentAsync()
    {
        using var timeout = new CancellationTokenSource(s_silence);
        try
        {
            await _peer.ReceiveAsync(timeout.Token);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Layer.DisposeAsync();
        await Transport.DisposeAsync();
        _peer.Dispose();
    }
}
