using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Appliance.Service.Tests.Support;

namespace Appliance.Service.Tests.EndToEnd.Sip;

/// <summary>
/// The caller's side of one dialog with the box, written by hand so a test controls every
/// request: CSeq numbers, bodies, extra headers and the order of crossing requests. It owns a
/// SIP socket and a media socket on loopback.
/// </summary>
internal sealed partial class RawCaller : IDisposable
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(3);

    private readonly IPEndPoint _box;
    private readonly string _callId = $"e2e-dlg-{Guid.NewGuid():N}";
    private readonly Dictionary<string, int> _lastCSeqOf = new(StringComparer.Ordinal);
    private int _cseq;
    private string _lastMethod = "INVITE";

    public RawCaller(IPEndPoint box)
    {
        _box = box;
    }

    public string CallId => _callId;

    public UdpClient Sip { get; } = SipProbe.Bind();

    public UdpClient Media { get; } = SipProbe.Bind();

    public int MediaPort => SipProbe.LocalPort(Media);

    /// <summary>The CSeq number of the last INVITE, which its ACK repeats.</summary>
    public int InviteCSeq { get; private set; }

    public string? RemoteTag { get; private set; }

    /// <summary>An SDP offer or answer for <see cref="Media"/> with the given direction.</summary>
    public string Sdp(int version, string direction = "sendrecv") =>
        $"v=0\r\no=- 7 {version} IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + $"m=audio {MediaPort} RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\na={direction}\r\n";

    /// <summary>Sends a request; the CSeq counts up unless given, an ACK repeats the INVITE's.</summary>
    public async Task SendAsync(
        string method,
        string? body = null,
        int? cseq = null,
        string headers = "",
        string contentType = "application/sdp")
    {
        var port = SipProbe.LocalPort(Sip);
        var number = cseq ?? (method == "ACK" ? InviteCSeq : ++_cseq);
        if (method == "INVITE")
        {
            InviteCSeq = number;
        }

        if (method != "ACK")
        {
            _lastMethod = method;
            _lastCSeqOf[method] = number;
        }

        var to = RemoteTag is null ? "<sip:100@127.0.0.1>" : $"<sip:100@127.0.0.1>;tag={RemoteTag}";
        var text = new StringBuilder()
            .Append($"{method} sip:100@{_box} SIP/2.0\r\n")
            .Append($"Via: SIP/2.0/UDP 127.0.0.1:{port};branch=z9hG4bK{Guid.NewGuid():N};rport\r\n")
            .Append("Max-Forwards: 70\r\n")
            .Append("From: <sip:5551234@127.0.0.1>;tag=e2e-dlg\r\n")
            .Append($"To: {to}\r\n")
            .Append($"Call-ID: {_callId}\r\n")
            .Append($"CSeq: {number} {method}\r\n")
            .Append($"Contact: <sip:5551234@127.0.0.1:{port}>\r\n")
            .Append(headers);
        if (body is not null)
        {
            text.Append($"Content-Type: {contentType}\r\n");
        }

        text.Append($"Content-Length: {Encoding.ASCII.GetByteCount(body ?? "")}\r\n\r\n").Append(body);
        await Sip.SendAsync(Encoding.ASCII.GetBytes(text.ToString()), _box);
    }

    /// <summary>
    /// The next final response to <paramref name="method"/> (the last request sent unless
    /// given); provisionals, requests from the box and retransmitted answers to earlier requests
    /// are skipped. Remembers the To tag of the first one.
    /// </summary>
    public async Task<string> FinalResponseAsync(string? method = null)
    {
        // The CSeq number too: a 200 to the first INVITE retransmitted while its ACK was on the
        // way would otherwise be taken for the answer to a re-INVITE.
        var wanted = method ?? _lastMethod;
        var expected = $"{_lastCSeqOf.GetValueOrDefault(wanted)} {wanted}";
        using var timeout = new CancellationTokenSource(s_wait);
        while (true)
        {
            var reply = Encoding.ASCII.GetString((await Sip.ReceiveAsync(timeout.Token)).Buffer);
            if (reply.StartsWith("SIP/2.0 1", StringComparison.Ordinal)
                || !reply.StartsWith("SIP/2.0", StringComparison.Ordinal)
                || SippResult.Header(reply, "CSeq")?.Trim().Equals(expected, StringComparison.Ordinal) != true)
            {
                continue;
            }

            RemoteTag ??= ToTag().Match(reply).Groups[1].Value;
            return reply;
        }
    }

    /// <summary>Sends and waits for the final response.</summary>
    public async Task<string> RequestAsync(
        string method,
        string? body = null,
        int? cseq = null,
        string headers = "",
        string contentType = "application/sdp")
    {
        await SendAsync(method, body, cseq, headers, contentType);
        return await FinalResponseAsync();
    }

    /// <summary>The next RTP packet at <see cref="Media"/>, or null when none comes in time.</summary>
    public async Task<byte[]?> MediaAsync(TimeSpan? wait = null)
    {
        using var timeout = new CancellationTokenSource(wait ?? s_wait);
        try
        {
            return (await Media.ReceiveAsync(timeout.Token)).Buffer;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Throws away media already queued, so the next read sees only what comes now.</summary>
    public void DrainMedia()
    {
        while (Media.Available > 0)
        {
            IPEndPoint? from = null;
            Media.Receive(ref from);
        }
    }

    public void Dispose()
    {
        Sip.Dispose();
        Media.Dispose();
    }

    [GeneratedRegex(@"\r\nTo:[^\r]*;tag=([^;\r]+)")]
    private static partial Regex ToTag();
}
