using System.Net;
using System.Net.Sockets;
using System.Text;
using Appliance.Sip.Messages;
using Appliance.Sip.Tests.Support;
using Appliance.Sip.Transport;
using Serilog.Events;

namespace Appliance.Sip.Tests.Transport;

[Trait("Category", "Integration")]
public sealed class SipUdpTransportTests
{
    [Fact]
    public async Task UnanswerableGarbageIsDroppedWithOneWarningAndTheLoopKeepsReceiving()
    {
        var log = new CapturedLog();
        await using var transport = new SipUdpTransport(new IPEndPoint(IPAddress.Loopback, 0), log.Logger);
        var received = new TaskCompletionSource<SipMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        transport.MessageReceived = (message, _) =>
        {
            received.TrySetResult(message);
            return ValueTask.CompletedTask;
        };
        transport.Start();
        using var peer = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));

        await peer.SendAsync("HELLO WORLD\r\n\r\n"u8.ToArray(), transport.LocalEndPoint);
        await peer.SendAsync(new byte[] { 0, 1, 2, 13, 255 }, transport.LocalEndPoint);
        var valid = SipTexts.Request("OPTIONS", "sip:100@127.0.0.1", "z9hG4bKok", "t-1", 1);
        await peer.SendAsync(Encoding.UTF8.GetBytes(valid), transport.LocalEndPoint);
        var message = await received.Task.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("t-1", message.CallId);
        var warning = Assert.Single(log.At(LogEventLevel.Warning));
        Assert.True(warning.Properties.ContainsKey("RemoteEndPoint"));
        Assert.True(warning.Properties.ContainsKey("Reason"));
        Assert.Equal(0, peer.Available);
    }

    [Fact]
    public async Task RequestWithoutViaIsSentWithOurViaBranchAndRPort()
    {
        await using var transport = new SipUdpTransport(new IPEndPoint(IPAddress.Loopback, 0), new CapturedLog().Logger);
        using var peer = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var ack = new SipRequest("ACK", SipUri.Parse("sip:1001@127.0.0.1"));
        ack.Headers.Add("Call-ID", "v-1");
        ack.Headers.Add("CSeq", "1 ACK");

        await transport.SendAsync(ack, (IPEndPoint)peer.Client.LocalEndPoint!);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var datagram = await peer.ReceiveAsync(timeout.Token);

        var text = Encoding.UTF8.GetString(datagram.Buffer);
        var expected = $"Via: SIP/2.0/UDP 127.0.0.1:{transport.LocalEndPoint.Port};branch=z9hG4bK";
        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.Contains(";rport\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PortZeroBindsARealPort()
    {
        await using var transport = new SipUdpTransport(new IPEndPoint(IPAddress.Loopback, 0),
            new CapturedLog().Logger);

        Assert.NotEqual(0, transport.LocalEndPoint.Port);
    }
}
