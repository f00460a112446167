using System.Net;
using System.Net.Sockets;
using System.Text;
using Appliance.Sip.Messages;
using Appliance.Sip.Tests.Support;
using Appliance.Sip.Transport;
using Serilog.Events;

namespace Appliance.Sip.Tests.Transport;

[Trait("Category", "Integration")]
public sealed class SipUdpTransportRefusalTests : IAsyncDisposable
{
    private readonly CapturedLog _log = new();
    private readonly SipUdpTransport _transport;
    private readonly UdpClient _peer = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly TaskCompletionSource<SipMessage> _received =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SipUdpTransportRefusalTests()
    {
        _transport = new SipUdpTransport(new IPEndPoint(IPAddress.Loopback, 0), _log.Logger);
        _transport.MessageReceived = (message, _) =>
        {
            _received.TrySetResult(message);
            return ValueTask.CompletedTask;
        };
        _transport.Start();
    }

    [Fact]
    public async Task FloodOfMalformedDatagramsFromOnePeerLogsOneWarning()
    {
        for (var i = 0; i < 50; i++)
        {
            await SendAsync("HELLO WORLD\r\n\r\n");
        }

        await SendAsync(SipTexts.Request("OPTIONS", "sip:100@127.0.0.1", "z9hG4bKok", "t-1", 1));
        await _received.Task.WaitAsync(TimeSpan.FromSeconds(5));

        var warning = Assert.Single(_log.At(LogEventLevel.Warning));
        Assert.True(warning.Properties.ContainsKey("RemoteEndPoint"));
        Assert.True(warning.Properties.ContainsKey("Reason"));
    }

    [Theory]
    [InlineData("SIP/3.0", "sip:100@127.0.0.1", "SIP/2.0 505 Unsupported SIP version\r\n")]
    [InlineData("SIP/2.0", "tel:+15551234", "SIP/2.0 416 Unsupported URI scheme\r\n")]
    public async Task RequestWithOtherVersionOrSchemeIsAnsweredOverTheWire(
        string version,
        string uri,
        string statusLine)
    {
        var text = SipTexts.Request("OPTIONS", uri, "z9hG4bKv", "v-1", 1, $"127.0.0.1:{PeerPort}")
            .Replace("SIP/2.0\r\nVia", $"{version}\r\nVia", StringComparison.Ordinal);

        await SendAsync(text);
        var response = await ReceiveTextAsync();

        Assert.StartsWith(statusLine, response, StringComparison.Ordinal);
        Assert.Contains("\r\nCall-ID: v-1\r\n", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestWithInvalidCSeqIsAnsweredWith400OverTheWire()
    {
        var text = SipTexts.Invite(host: $"127.0.0.1:{PeerPort}")
            .Replace("CSeq: 314159 INVITE", "CSeq: 2147483648 INVITE", StringComparison.Ordinal);

        await SendAsync(text);
        var response = await ReceiveTextAsync();

        // The 400 copies the CSeq as it came (RFC 3261 §8.2.6.2), so it is read as text.
        Assert.StartsWith("SIP/2.0 400 CSeq number not below 2^31\r\n", response, StringComparison.Ordinal);
        Assert.Contains("\r\nCSeq: 2147483648 INVITE\r\n", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestWithAnUnreadableToIsAnswered400ToWhereItCameFrom()
    {
        var text = SipTexts.Invite(host: $"127.0.0.1:{PeerPort}")
            .Replace(
                "\r\nTo: ",
                "\r\nTo: \"Bob <sip:bob@example.com>\r\nX-Was-To: ",
                StringComparison.Ordinal);

        await SendAsync(text);
        var response = await ReceiveTextAsync();

        Assert.StartsWith("SIP/2.0 400 Malformed To header\r\n", response, StringComparison.Ordinal);
        Assert.Contains("\r\nVia: ", response, StringComparison.Ordinal);
    }

    private int PeerPort => ((IPEndPoint)_peer.Client.LocalEndPoint!).Port;

    private async Task SendAsync(string text) =>
        await _peer.SendAsync(Encoding.UTF8.GetBytes(text), _transport.LocalEndPoint);

    private async Task<string> ReceiveTextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var datagram = await _peer.ReceiveAsync(timeout.Token);
        return Encoding.UTF8.GetString(datagram.Buffer);
    }

    public async ValueTask DisposeAsync()
    {
        await _transport.DisposeAsync();
        _peer.Dispose();
    }
}
