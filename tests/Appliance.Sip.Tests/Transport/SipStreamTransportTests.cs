using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Appliance.Sip.Messages;
using Appliance.Sip.Tests.Support;
using Appliance.Sip.Transactions;
using Appliance.Sip.Transport;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Sip.Tests.Transport;

/// <summary>TCP and TLS on real loopback sockets, through the transaction layer.</summary>
[Trait("Category", "Integration")]
public sealed class SipStreamTransportTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task OptionsOverTcpIsAnsweredOnTheSameConnectionWithReceivedAndRPort()
    {
        await using var bench = await StackBench.StartAsync(tls: false);
        using var client = new TcpClient();
        await client.ConnectAsync(bench.Stream.LocalEndPoint);
        var local = (IPEndPoint)client.Client.LocalEndPoint!;
        var stream = client.GetStream();

        await WriteAsync(stream, Options($"127.0.0.1:{local.Port}", "TCP", "tcp-1"));
        var response = await ReadMessageAsync(stream);

        var ok = Assert.IsType<SipResponse>(response);
        Assert.Equal(200, ok.StatusCode);
        Assert.Equal("tcp-1", ok.CallId);
        Assert.Equal(local.Port, ok.Vias[0].RPort);
        Assert.Equal("TCP", ok.Vias[0].Transport);
    }

    [Fact]
    public async Task DoubleCrlfPingIsAnsweredWithSingleCrlf()
    {
        await using var bench = await StackBench.StartAsync(tls: false);
        using var client = new TcpClient();
        await client.ConnectAsync(bench.Stream.LocalEndPoint);
        var stream = client.GetStream();

        await stream.WriteAsync("\r\n\r\n"u8.ToArray());
        var pong = new byte[2];
        using var timeout = new CancellationTokenSource(s_timeout);
        await stream.ReadExactlyAsync(pong, timeout.Token);

        Assert.Equal("\r\n"u8.ToArray(), pong);
    }

    [Fact]
    public async Task MalformedRequestOverTcpIsAnswered400AndTheConnectionStaysUsable()
    {
        await using var bench = await StackBench.StartAsync(tls: false);
        using var client = new TcpClient();
        await client.ConnectAsync(bench.Stream.LocalEndPoint);
        var stream = client.GetStream();
        var bad = Options("127.0.0.1:5999", "TCP", "bad-1").Replace("Max-Forwards: 70", "Max-Forwards: many",
            StringComparison.Ordinal);

        await WriteAsync(stream, bad);
        var refusal = Assert.IsType<SipResponse>(await ReadMessageAsync(stream));
        await WriteAsync(stream, Options("127.0.0.1:5999", "TCP", "good-1"));
        var ok = Assert.IsType<SipResponse>(await ReadMessageAsync(stream));

        Assert.Equal(400, refusal.StatusCode);
        Assert.Equal(200, ok.StatusCode);
        Assert.Equal("good-1", ok.CallId);
    }

    [Fact]
    public async Task OptionsOverTlsIsAnswered()
    {
        await using var bench = await StackBench.StartAsync(tls: true);
        using var client = new TcpClient();
        await client.ConnectAsync(bench.Stream.LocalEndPoint);
        var pinned = bench.Certificate!.GetCertHashString();
        await using var tls = new SslStream(
            client.GetStream(),
            false,
            (_, certificate, _, _) => certificate?.GetCertHashString() == pinned);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "sparkle.test",
            EnabledSslProtocols = System.Security.Authentication.SslProtocols.Tls12
                | System.Security.Authentication.SslProtocols.Tls13,
        });

        await WriteAsync(tls, Options("127.0.0.1:5999", "TLS", "tls-1"));
        var ok = Assert.IsType<SipResponse>(await ReadMessageAsync(tls));

        Assert.Equal(200, ok.StatusCode);
        Assert.Equal("tls-1", ok.CallId);
        Assert.True(tls.SslProtocol >= System.Security.Authentication.SslProtocols.Tls12);
    }

    [Fact]
    public async Task RequestToAPeerThatConnectedOverTcpReusesThatConnection()
    {
        await using var bench = await StackBench.StartAsync(tls: false);
        using var client = new TcpClient();
        await client.ConnectAsync(bench.Stream.LocalEndPoint);
        var local = (IPEndPoint)client.Client.LocalEndPoint!;
        var stream = client.GetStream();
        await WriteAsync(stream, Options($"127.0.0.1:{local.Port}", "TCP", "flow-1"));
        _ = await ReadMessageAsync(stream);

        var outbound = new SipRequest("OPTIONS", SipUri.Parse($"sip:phone@127.0.0.1:{local.Port}"));
        outbound.Headers.Add("From", "<sip:box@127.0.0.1>;tag=1");
        outbound.Headers.Add("To", "<sip:phone@127.0.0.1>");
        outbound.Headers.Add("Call-ID", "out-flow-1");
        outbound.Headers.Add("CSeq", "1 OPTIONS");
        _ = bench.Layer.SendRequest(outbound, new IPEndPoint(IPAddress.Loopback, local.Port));
        var received = Assert.IsType<SipRequest>(await ReadMessageAsync(stream));

        Assert.Equal("out-flow-1", received.CallId);
        Assert.Equal("TCP", received.Vias[0].Transport);
        Assert.Equal(bench.Stream.LocalEndPoint.Port, received.Vias[0].Port);
    }

    [Fact]
    public async Task RequestOver1300BytesGoesOverTcp()
    {
        await using var bench = await StackBench.StartAsync(tls: false);
        using var peer = new TcpListener(IPAddress.Loopback, 0);
        peer.Start();
        var peerEndPoint = (IPEndPoint)peer.LocalEndpoint;

        var large = new SipRequest("MESSAGE", SipUri.Parse($"sip:phone@127.0.0.1:{peerEndPoint.Port}"));
        large.Headers.Add("From", "<sip:box@127.0.0.1>;tag=1");
        large.Headers.Add("To", "<sip:phone@127.0.0.1>");
        large.Headers.Add("Call-ID", "large-1");
        large.Headers.Add("CSeq", "1 MESSAGE");
        large.Headers.Add("Content-Type", "text/plain");
        large.Body = Encoding.ASCII.GetBytes(new string('x', 1400));
        _ = bench.Layer.SendRequest(large, peerEndPoint);
        using var accepted = await peer.AcceptTcpClientAsync();
        var received = Assert.IsType<SipRequest>(await ReadMessageAsync(accepted.GetStream()));

        Assert.Equal("large-1", received.CallId);
        Assert.Equal(1400, received.Body.Length);
        Assert.Equal("TCP", received.Vias[0].Transport);
    }

    [Fact]
    public async Task OptionsOverWebSocketIsAnsweredInOneTextMessage()
    {
        await using var bench = await StackBench.StartAsync(tls: false, webSocket: true);
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("sip");
        using var timeout = new CancellationTokenSource(s_timeout);
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{bench.Stream.LocalEndPoint.Port}/"), timeout.Token);

        var request = Options("df7jal23ls0d.invalid", "WS", "ws-1");
        await socket.SendAsync(Encoding.UTF8.GetBytes(request), WebSocketMessageType.Text, true, timeout.Token);
        var buffer = new byte[8192];
        var received = await socket.ReceiveAsync(buffer, timeout.Token);
        await socket.SendAsync("not sip"u8.ToArray(), WebSocketMessageType.Text, true, timeout.Token);
        var again = Options("df7jal23ls0d.invalid", "WS", "ws-2");
        await socket.SendAsync(Encoding.UTF8.GetBytes(again), WebSocketMessageType.Text, true, timeout.Token);
        var second = await socket.ReceiveAsync(new byte[8192], timeout.Token);

        Assert.Equal("sip", socket.SubProtocol);
        Assert.Equal(WebSocketMessageType.Text, received.MessageType);
        Assert.True(received.EndOfMessage);
        Assert.True(SipParser.TryParse(buffer.AsSpan(0, received.Count), out var message, out var error), error.Reason);
        var ok = Assert.IsType<SipResponse>(message);
        Assert.Equal(200, ok.StatusCode);
        Assert.Equal("WS", ok.Vias[0].Transport);
        Assert.True(second.Count > 0, "the garbage message closed the WebSocket");
    }

    [Fact]
    public async Task MessagesOverTcpBeyondThePerSourceLimitAreDroppedWithOneWarning()
    {
        await using var bench = await StackBench.StartAsync(tls: false, perSource: 10);
        using var client = new TcpClient();
        await client.ConnectAsync(bench.Stream.LocalEndPoint);
        var stream = client.GetStream();

        var answered = new List<string>();
        for (var i = 1; i <= 10; i++)
        {
            await WriteAsync(stream, Options("127.0.0.1:5999", "TCP", $"flood-{i}"));
            answered.Add(Assert.IsType<SipResponse>(await ReadMessageAsync(stream)).CallId!);
        }

        await WriteAsync(stream, Options("127.0.0.1:5999", "TCP", "flood-11"));
        var deadline = DateTime.UtcNow + s_timeout;
        while (bench.Log.At(Serilog.Events.LogEventLevel.Warning).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        bench.Time.Advance(TimeSpan.FromSeconds(1));
        await WriteAsync(stream, Options("127.0.0.1:5999", "TCP", "after-a-second"));
        var next = Assert.IsType<SipResponse>(await ReadMessageAsync(stream));

        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"flood-{i}"), answered);
        Assert.Equal("after-a-second", next.CallId);
        var warning = Assert.Single(bench.Log.At(Serilog.Events.LogEventLevel.Warning));
        Assert.StartsWith(
            "Dropping SIP messages from 127.0.0.1 over 10 per second",
            warning.RenderMessage(null).Replace("\"", "", StringComparison.Ordinal),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebSocketUpgradeWithoutTheSipSubprotocolIsRefused()
    {
        await using var bench = await StackBench.StartAsync(tls: false, webSocket: true);
        using var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(s_timeout);

        var connect = socket.ConnectAsync(new Uri($"ws://127.0.0.1:{bench.Stream.LocalEndPoint.Port}/"), timeout.Token);

        await Assert.ThrowsAsync<WebSocketException>(() => connect);
    }

    internal static string Options(string sentBy, string transport, string callId) =>
        "OPTIONS sip:100@127.0.0.1 SIP/2.0\r\n"
        + $"Via: SIP/2.0/{transport} {sentBy};branch=z9hG4bK{callId};rport\r\n"
        + "Max-Forwards: 70\r\n"
        + "To: <sip:100@127.0.0.1>\r\n"
        + "From: <sip:probe@127.0.0.1>;tag=p1\r\n"
        + $"Call-ID: {callId}\r\n"
        + "CSeq: 1 OPTIONS\r\n"
        + "Content-Length: 0\r\n\r\n";

    internal static async Task WriteAsync(Stream stream, string text)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text));
        await stream.FlushAsync();
    }

    internal static async Task<SipMessage> ReadMessageAsync(Stream stream)
    {
        using var timeout = new CancellationTokenSource(s_timeout);
        var buffer = new List<byte>();
        var chunk = new byte[4096];
        while (true)
        {
            var bytes = buffer.ToArray();
            if (SipStreamFrame.TryRead(bytes, SipParser.MaxMessageBytes, out var length) == SipStreamFrameKind.Message)
            {
                Assert.True(SipParser.TryParse(bytes.AsSpan(0, length), out var message, out var error), error.Reason);
                return message;
            }

            var read = await stream.ReadAsync(chunk, timeout.Token);
            Assert.True(read > 0, "the connection closed");
            buffer.AddRange(chunk.AsSpan(0, read));
        }
    }

    /// <summary>UDP and one stream transport under a transaction layer that answers OPTIONS 200.</summary>
    internal sealed class StackBench : IAsyncDisposable
    {
        private StackBench(
            SipUdpTransport udp,
            SipStreamTransport stream,
            SipTransactionLayer layer,
            System.Security.Cryptography.X509Certificates.X509Certificate2? certificate,
            FakeTimeProvider time,
            CapturedLog log)
        {
            Time = time;
            Log = log;
            Certificate = certificate;
            Udp = udp;
            Stream = stream;
            Layer = layer;
        }

        public SipUdpTransport Udp { get; }

        public System.Security.Cryptography.X509Certificates.X509Certificate2? Certificate { get; }

        public SipStreamTransport Stream { get; }

        public SipTransactionLayer Layer { get; }

        /// <summary>
        /// The clock of the layer and the per-source limit: timers run and tokens come back only when
        /// a test advances it.
        /// </summary>
        public FakeTimeProvider Time { get; }

        public CapturedLog Log { get; }

        public static Task<StackBench> StartAsync(
            bool tls,
            bool webSocket = false,
            int perSource = SipUdpTransport.DefaultMessagesPerSecondPerSource)
        {
            var log = new CapturedLog();
            var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
            var udp = new SipUdpTransport(new IPEndPoint(IPAddress.Loopback, 0), log.Logger, time, perSource);
            var certificate = tls ? SipTlsCertificate.CreateSelfSigned("sparkle.test") : null;
            var stream = new SipStreamTransport(
                new IPEndPoint(IPAddress.Loopback, 0), certificate, log.Logger, webSocket: webSocket);
            udp.AddStreamTransport(stream);
            var layer = new SipTransactionLayer(udp, time, log.Logger);
            layer.RequestReceived = transaction =>
                transaction.SendResponseAsync(transaction.Request.CreateResponse(200, toTag: "box"));
            layer.Start();
            stream.Start();
            return Task.FromResult(new StackBench(udp, stream, layer, certificate, time, log));
        }

        public async ValueTask DisposeAsync()
        {
            await Layer.DisposeAsync();
            await Stream.DisposeAsync();
            await Udp.DisposeAsync();
        }
    }
}
