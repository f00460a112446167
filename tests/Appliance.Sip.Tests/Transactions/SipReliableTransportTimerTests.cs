using System.Net;
using System.Net.Sockets;
using Appliance.Sip.Messages;
using Appliance.Sip.Tests.Support;
using Appliance.Sip.Transactions;
using Serilog.Events;
using static Appliance.Sip.Tests.Transport.SipStreamTransportTests;

namespace Appliance.Sip.Tests.Transactions;

/// <summary>
/// RFC 3261 §17.1.1.2, §17.1.2.2 and §17.2.1 over a real TCP connection: Timers A, E and G do not
/// run on a reliable transport, while B, F and H still do. The fake clock is moved past every
/// retransmission a UDP peer would get; then a marker message is exchanged on the same
/// connection, so everything sent before it has arrived and is counted.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SipReliableTransportTimerTests
{
    private static readonly int[] s_retransmitSteps = [500, 1000, 2000, 4000, 8000, 8000, 4000, 4000];

    [Fact]
    public async Task InviteOverTcpIsSentOnceAndTimerBStillEndsIt()
    {
        await using var bench = await StackBench.StartAsync(tls: false);
        using var peer = await ConnectedPeer.OpenAsync(bench);

        var invite = bench.Layer.SendRequest(Request("INVITE", "tcp-invite-1"), peer.EndPoint);
        var first = Assert.IsType<SipRequest>(await ReadMessageAsync(peer.Stream));
        AdvancePastEveryRetransmission(bench);

        var before = invite.FinalResponse.IsCompleted;
        bench.Layer.SendRequest(Request("OPTIONS", "tcp-marker-1"), peer.EndPoint);
        var next = Assert.IsType<SipRequest>(await ReadMessageAsync(peer.Stream));
        bench.Time.Advance(TimeSpan.FromMilliseconds(500));
        var final = await invite.FinalResponse.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(("INVITE", "TCP"), (first.Method, first.Vias[0].Transport));
        Assert.Equal(("OPTIONS", "tcp-marker-1"), (next.Method, next.CallId));
        Assert.False(before, "Timer B fired before 64*T1");
        Assert.Null(final);
        Assert.Null(invite.TransportError);
    }

    [Fact]
    public async Task OptionsOverTcpIsSentOnceAndTimerFStillEndsIt()
    {
        await using var bench = await StackBench.StartAsync(tls: false);
        using var peer = await ConnectedPeer.OpenAsync(bench);

        var options = bench.Layer.SendRequest(Request("OPTIONS", "tcp-options-1"), peer.EndPoint);
        var first = Assert.IsType<SipRequest>(await ReadMessageAsync(peer.Stream));
        AdvancePastEveryRetransmission(bench);

        bench.Layer.SendRequest(Request("OPTIONS", "tcp-marker-2"), peer.EndPoint);
        var next = Assert.IsType<SipRequest>(await ReadMessageAsync(peer.Stream));
        bench.Time.Advance(TimeSpan.FromMilliseconds(500));
        var final = await options.FinalResponse.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("tcp-options-1", first.CallId);
        Assert.Equal("tcp-marker-2", next.CallId);
        Assert.Null(final);
    }

    [Fact]
    public async Task BusyAnswerToAnInviteOverTcpIsSentOnceWithoutTimerG()
    {
        await using var bench = await StackBench.StartAsync(tls: false);
        bench.Layer.RequestReceived = transaction => transaction.SendResponseAsync(
            transaction.Request.CreateResponse(transaction.Request.Method == "INVITE" ? 486 : 200, toTag: "box"));
        using var peer = await ConnectedPeer.OpenAsync(bench);

        await WriteAsync(peer.Stream, InviteFrom(peer.Local, "tcp-busy-1"));
        var busy = Assert.IsType<SipResponse>(await ReadMessageAsync(peer.Stream));
        AdvancePastEveryRetransmission(bench);

        await WriteAsync(peer.Stream, Options($"127.0.0.1:{peer.Local.Port}", "TCP", "tcp-marker-3"));
        var next = Assert.IsType<SipResponse>(await ReadMessageAsync(peer.Stream));

        Assert.Equal((486, "tcp-busy-1"), (busy.StatusCode, busy.CallId));
        Assert.Equal((200, "tcp-marker-3"), (next.StatusCode, next.CallId));
    }

    [Fact]
    public async Task BusyAnswerToAnInviteOverUdpIsStillRetransmittedByTimerG()
    {
        await using var bench = new LoopbackBench();
        bench.Layer.RequestReceived = transaction =>
            transaction.SendResponseAsync(transaction.Request.CreateResponse(486, toTag: "box"));
        bench.Layer.Start();

        await bench.SendFromPeerAsync(SipTexts.Invite(host: bench.PeerHost));
        var busy = await bench.ReceiveResponseAtPeerAsync();
        bench.Time.Advance(TimeSpan.FromMilliseconds(500));
        var again = await bench.ReceiveResponseAtPeerAsync();

        Assert.Equal((486, 486), (busy.StatusCode, again.StatusCode));
    }

    [Fact]
    public async Task AnInviteThatCannotBeSentEndsAtOnceWithItsTransportErrorAndIsNotSentAgain()
    {
        await using var bench = new LoopbackBench();
        bench.Layer.Start();
        var ipv6 = new IPEndPoint(IPAddress.IPv6Loopback, 5099);

        var invite = bench.Layer.SendRequest(Request("INVITE", "ipv6-1"), ipv6);
        var final = await invite.FinalResponse.WaitAsync(TimeSpan.FromSeconds(5));
        var sendsAfterFirst = bench.Log.Events.Count(e => e.Level == LogEventLevel.Debug
            && e.MessageTemplate.Text.StartsWith("Sending SIP to", StringComparison.Ordinal));
        bench.Time.Advance(TimeSpan.FromSeconds(40));
        await invite.CancelAsync();
        var sendsAfterAll = bench.Log.Events.Count(e => e.Level == LogEventLevel.Debug
            && e.MessageTemplate.Text.StartsWith("Sending SIP to", StringComparison.Ordinal));

        Assert.Null(final);
        Assert.False(string.IsNullOrEmpty(invite.TransportError));
        Assert.Equal(1, sendsAfterFirst);
        Assert.Equal(1, sendsAfterAll);
        Assert.Empty(bench.Log.At(LogEventLevel.Warning));
    }

    /// <summary>To 31.5 s: past every Timer A, E and G instant of UDP, short of 64*T1.</summary>
    private static void AdvancePastEveryRetransmission(StackBench bench)
    {
        foreach (var ms in s_retransmitSteps)
        {
            bench.Time.Advance(TimeSpan.FromMilliseconds(ms));
        }
    }

    private static SipRequest Request(string method, string callId)
    {
        var request = new SipRequest(method, SipUri.Parse("sip:phone@127.0.0.1"));
        request.Headers.Add("From", "<sip:box@127.0.0.1>;tag=box1");
        request.Headers.Add("To", "<sip:phone@127.0.0.1>");
        request.Headers.Add("Call-ID", callId);
        request.Headers.Add("CSeq", $"1 {method}");
        return request;
    }

    private static string InviteFrom(IPEndPoint local, string callId) =>
        Options($"127.0.0.1:{local.Port}", "TCP", callId)
            .Replace("OPTIONS sip:", "INVITE sip:", StringComparison.Ordinal)
            .Replace("CSeq: 1 OPTIONS", "CSeq: 1 INVITE", StringComparison.Ordinal);

    /// <summary>A phone connected to the box over TCP, its flow known to the box by an OPTIONS.</summary>
    private sealed class ConnectedPeer : IDisposable
    {
        private readonly TcpClient _client;

        private ConnectedPeer(TcpClient client)
        {
            _client = client;
            Local = (IPEndPoint)client.Client.LocalEndPoint!;
            Stream = client.GetStream();
        }

        public IPEndPoint Local { get; }

        public IPEndPoint EndPoint => new(IPAddress.Loopback, Local.Port);

        public NetworkStream Stream { get; }

        public static async Task<ConnectedPeer> OpenAsync(StackBench bench)
        {
            var client = new TcpClient();
            await client.ConnectAsync(bench.Stream.LocalEndPoint);
            var peer = new ConnectedPeer(client);
            await WriteAsync(peer.Stream, Options($"127.0.0.1:{peer.Local.Port}", "TCP", "flow-" + peer.Local.Port));
            _ = await ReadMessageAsync(peer.Stream);
            return peer;
        }

        public void Dispose() => _client.Dispose();
    }
}
