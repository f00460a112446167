using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Appliance.Service.Tests.Support;

namespace Appliance.Service.Tests.EndToEnd;

/// <summary>
/// A caller's phone that moves its media with a re-INVITE (a softphone changing network, or
/// a PBX re-anchoring media) keeps hearing the box, now at the new address.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class ReInviteTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(3);

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ReInviteWithANewMediaPortMovesTheAudioThere()
    {
        await using var service = await ApplianceProcess.StartAsync();
        using var sip = SipProbe.Bind();
        using var firstMedia = SipProbe.Bind();
        using var secondMedia = SipProbe.Bind();
        var dialog = new RawCallerDialog(sip, service.SipEndPoint, $"e2e-reinvite-{Guid.NewGuid():N}");

        var answer = await dialog.SendAsync("INVITE", Offer(SipProbe.LocalPort(firstMedia), version: 1));
        dialog.RemoteTag = ToTag().Match(answer).Groups[1].Value;
        await dialog.SendAsync("ACK", body: null, expectAnswer: false);
        var firstPacket = await ReceiveAsync(firstMedia);
        var reAnswer = await dialog.SendAsync("INVITE", Offer(SipProbe.LocalPort(secondMedia), version: 2));
        await dialog.SendAsync("ACK", body: null, expectAnswer: false);
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        DrainQuietly(firstMedia);
        var secondPacket = await ReceiveAsync(secondMedia);
        var strayPacket = await ReceiveAsync(firstMedia, TimeSpan.FromMilliseconds(300));
        var byeAnswer = await dialog.SendAsync("BYE", body: null);

        Assert.StartsWith("SIP/2.0 200", answer, StringComparison.Ordinal);
        Assert.NotNull(firstPacket);
        Assert.StartsWith("SIP/2.0 200", reAnswer, StringComparison.Ordinal);
        Assert.Contains("m=audio", reAnswer, StringComparison.Ordinal);
        Assert.NotNull(secondPacket);
        Assert.Null(strayPacket);
        Assert.StartsWith("SIP/2.0 200", byeAnswer, StringComparison.Ordinal);
    }

    private static string Offer(int port, int version) =>
        $"v=0\r\no=- 7 {version} IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + $"m=audio {port} RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\n";

    private static async Task<byte[]?> ReceiveAsync(UdpClient socket, TimeSpan? wait = null)
    {
        using var timeout = new CancellationTokenSource(wait ?? s_wait);
        try
        {
            return (await socket.ReceiveAsync(timeout.Token)).Buffer;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private static void DrainQuietly(UdpClient socket)
    {
        while (socket.Available > 0)
        {
            IPEndPoint? from = null;
            socket.Receive(ref from);
        }
    }

    [GeneratedRegex(@"\r\nTo:[^\r]*;tag=([^;\r]+)")]
    private static partial Regex ToTag();

    /// <summary>The caller side of one dialog, written by hand so the test controls every request.</summary>
    private sealed class RawCallerDialog(UdpClient socket, IPEndPoint box, string callId)
    {
        private int _cseq;
        private int _inviteCSeq;

        public string? RemoteTag { get; set; }

        public async Task<string> SendAsync(string method, string? body, bool expectAnswer = true)
        {
            var port = SipProbe.LocalPort(socket);
            var cseq = method == "ACK" ? _inviteCSeq : ++_cseq;
            if (method == "INVITE")
            {
                _inviteCSeq = cseq;
            }

            var to = RemoteTag is null ? "<sip:100@127.0.0.1>" : $"<sip:100@127.0.0.1>;tag={RemoteTag}";
            var text = new StringBuilder()
                .Append($"{method} sip:100@{box} SIP/2.0\r\n")
                .Append($"Via: SIP/2.0/UDP 127.0.0.1:{port};branch=z9hG4bK{Guid.NewGuid():N};rport\r\n")
                .Append("Max-Forwards: 70\r\n")
                .Append($"From: <sip:5551234@127.0.0.1>;tag=e2e-reinvite\r\n")
                .Append($"To: {to}\r\n")
                .Append($"Call-ID: {callId}\r\n")
                .Append($"CSeq: {cseq} {method}\r\n")
                .Append($"Contact: <sip:5551234@127.0.0.1:{port}>\r\n");
            if (body is not null)
            {
                text.Append("Content-Type: application/sdp\r\n");
            }

            text.Append($"Content-Length: {Encoding.ASCII.GetByteCount(body ?? "")}\r\n\r\n").Append(body);
            await socket.SendAsync(Encoding.ASCII.GetBytes(text.ToString()), box);
            if (!expectAnswer)
            {
                return "";
            }

            using var timeout = new CancellationTokenSource(s_wait);
            while (true)
            {
                var reply = Encoding.ASCII.GetString((await socket.ReceiveAsync(timeout.Token)).Buffer);
                if (!reply.StartsWith("SIP/2.0 1", StringComparison.Ordinal))
                {
                    return reply;
                }
            }
        }
    }
}
