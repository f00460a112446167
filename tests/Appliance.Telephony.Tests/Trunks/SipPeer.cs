using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Appliance.Media.Audio;
using Appliance.Media.Engine;
using Appliance.Media.Rtp;
using Appliance.Media.Tones;
using Appliance.Sip.Dialogs;
using Appliance.Sip.Messages;
using Appliance.Sip.Sdp;
using Appliance.Sip.Transactions;
using Appliance.Sip.Transport;
using Appliance.Telephony.Negotiation;
using Serilog.Core;

namespace Appliance.Telephony.Tests.Trunks;

/// <summary>
/// A SIP user agent on a real UDP socket standing in for the box behind the PSTN gateway: it
/// answers INVITEs with a 440 Hz tone, keeps what it hears, and places calls to the gateway.
/// </summary>
internal sealed class SipPeer : IAsyncDisposable, IAudioSink
{
    private readonly SipUdpTransport _transport;
    private readonly SipTransactionLayer _sip;
    private readonly ConcurrentQueue<short[]> _heard = new();
    private RtpEndpoint? _rtp;

    public SipPeer(MediaClock clock, MediaPortAllocator ports)
    {
        Clock = clock;
        Ports = ports;
        _transport = new SipUdpTransport(new IPEndPoint(IPAddress.Loopback, 0), Logger.None);
        _sip = new SipTransactionLayer(_transport, TimeProvider.System, Logger.None)
        {
            RequestReceived = OnRequestAsync,
            AckReceived = (ack, _) =>
            {
                AckReceived.TrySetResult(ack);
                return ValueTask.CompletedTask;
            },
        };
        _sip.Start();
    }

    public MediaClock Clock { get; }

    public MediaPortAllocator Ports { get; }

    public IPEndPoint EndPoint => _transport.LocalEndPoint;

    public TaskCompletionSource<SipRequest> Invited { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource<SipRequest> ByeReceived { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource<SipRequest> AckReceived { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set on an INVITE's arrival, before it is answered.</summary>
    public TaskCompletionSource<SipRequest> Offered { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When set, INVITEs are answered only once it completes.</summary>
    public TaskCompletionSource? HoldAnswer { get; set; }

    /// <summary>When set, INVITEs are refused with this status.</summary>
    public int? RefuseWith { get; set; }

    public int OptionsAnswered { get; private set; }

    public short[] Heard() => [.. _heard.SelectMany(f => f)];

    public void WriteFrame(ReadOnlySpan<short> frame) => _heard.Enqueue(frame.ToArray());

    /// <summary>Calls <paramref name="number"/> through the gateway; the final response comes back.</summary>
    public async Task<SipResponse?> CallAsync(IPEndPoint gateway, string number)
    {
        _rtp = RtpEndpoint.Open(IPAddress.Loopback, Ports, Clock, Logger.None);
        var sdp = SdpNegotiator.CreateOffer(IPAddress.Loopback, _rtp.LocalPort, 1);
        var invite = new SipRequest("INVITE", SipUri.Parse($"sip:{number}@{gateway}"));
        invite.Headers.Add("Max-Forwards", "70");
        invite.Headers.Add("From", $"<sip:2001@{EndPoint}>;tag={SipTransactionLayer.NewTag()}");
        invite.Headers.Add("To", $"<sip:{number}@{gateway}>");
        invite.Headers.Add("Call-ID", $"{Guid.NewGuid():N}@peer");
        invite.Headers.Add("CSeq", "1 INVITE");
        invite.Headers.Add("Contact", $"<sip:peer@{EndPoint}>");
        invite.Headers.Add("Content-Type", "application/sdp");
        invite.Body = Encoding.UTF8.GetBytes(sdp.ToString());
        var response = await _sip.SendRequest(invite, gateway).FinalResponse;
        if (response is { StatusCode: 200 })
        {
            var dialog = SipDialog.CreateUac(invite, response, gateway);
            await _sip.SendAckAsync(dialog.CreateAck(response), gateway);
        }

        return response;
    }

    private async ValueTask OnRequestAsync(SipServerTransaction transaction)
    {
        var request = transaction.Request;
        if (request.Method == "OPTIONS")
        {
            OptionsAnswered++;
            await transaction.SendResponseAsync(request.CreateResponse(200, "OK"));
            return;
        }

        if (request.Method == "BYE")
        {
            await transaction.SendResponseAsync(request.CreateResponse(200, "OK"));
            ByeReceived.TrySetResult(request);
            return;
        }

        if (request.Method != "INVITE")
        {
            return;
        }

        Offered.TrySetResult(request);
        if (HoldAnswer is { } hold)
        {
            await hold.Task;
        }

        if (RefuseWith is { } status)
        {
            await transaction.SendResponseAsync(request.CreateResponse(status, "Refused", SipTransactionLayer.NewTag()));
            return;
        }

        _rtp = RtpEndpoint.Open(IPAddress.Loopback, Ports, Clock, Logger.None);
        if (!SdpSession.TryParse(Encoding.UTF8.GetString(request.Body.Span), out var offer, out _)
            || !SdpNegotiator.TryAnswer(
                offer, IPAddress.Loopback, _rtp.LocalPort, 2, out var answer, out var media, out _))
        {
            await transaction.SendResponseAsync(request.CreateResponse(488, "Not Acceptable Here"));
            return;
        }

        SdpCodecs.Configure(_rtp, media);
        _rtp.Source = new ToneGenerator(440);
        _rtp.Sink = this;
        var ok = request.CreateResponse(200, "OK", SipTransactionLayer.NewTag());
        ok.Headers.Add("Contact", $"<sip:box@{EndPoint}>");
        ok.Headers.Add("Content-Type", "application/sdp");
        ok.Body = Encoding.UTF8.GetBytes(answer!.ToString());
        await transaction.SendResponseAsync(ok);
        Invited.TrySetResult(request);
    }

    public async ValueTask DisposeAsync()
    {
        if (_rtp is not null)
        {
            await _rtp.DisposeAsync();
        }

        await _sip.DisposeAsync();
    }
}
