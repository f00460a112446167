using System.Net;
using System.Net.Sockets;
using Appliance.Media.Rtcp;
using Appliance.Media.Srtp;
using Serilog;

namespace Appliance.Media.Engine;

/// <summary>
/// The RTCP side of one <see cref="RtpEndpoint"/> on the odd port above it (RFC 3550 §11): it
/// sends a compound SR (or RR while we send nothing) about every 5 seconds and reads the far
/// end's reports for the round trip (§6.4.1) and for the LSR/DLSR of our next report.
/// </summary>
/// <remarks>
/// <see cref="Send"/> runs on the clock thread, the receive loop on the thread pool; the few
/// shared fields are written with <see cref="Interlocked"/>. The far end's RTCP address is the
/// one of its a=rtcp (RFC 3605) or the RTP address plus one, latched to the source of its first report like RTP (RFC 4961).
/// A malformed report is counted and dropped. Buffers are allocated once.
/// </remarks>
internal sealed class RtcpChannel : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly uint _ourSsrc;
    private readonly string _cname;
    private readonly byte[] _sendBuffer = new byte[RtcpPacket.MaxLength];
    private readonly byte[] _receiveBuffer = new byte[1500];
    private readonly SocketAddress _receiveAddress;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiveLoop;
    private SocketAddress? _remote;
    private volatile SrtpContext? _protect;
    private volatile SrtpContext? _unprotect;
    private bool _latched;
    private long _roundTripTicks = -1;
    private long _lastSenderReport;
    private long _lastSenderReportArrival;
    private long _reportsReceived;
    private long _malformed;

    private RtcpChannel(Socket socket, uint ourSsrc, ILogger log, TimeProvider time)
    {
        _socket = socket;
        _ourSsrc = ourSsrc;
        _log = log;
        _time = time;
        _cname = "sparkle-" + ourSsrc.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        _receiveAddress = new SocketAddress(socket.AddressFamily);
        _receiveLoop = Task.Run(ReceiveLoopAsync);
    }

    /// <summary>Reports received from the far end.</summary>
    public long ReportsReceived => Interlocked.Read(ref _reportsReceived);

    /// <summary>Datagrams on the RTCP port that were not RTCP.</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    /// <summary>The last round trip measured, or null before the far end reported on an SR of ours.</summary>
    public TimeSpan? RoundTrip
    {
        get
        {
            var ticks = Interlocked.Read(ref _roundTripTicks);
            return ticks < 0 ? null : TimeSpan.FromTicks(ticks);
        }
    }

    /// <summary>Binds the odd port above <paramref name="rtpEndPoint"/>; null when it is taken.</summary>
    public static RtcpChannel? TryOpen(IPEndPoint rtpEndPoint, uint ourSsrc, ILogger log, TimeProvider time)
    {
        var socket = new Socket(rtpEndPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (rtpEndPoint.AddressFamily == AddressFamily.InterNetworkV6)
            {
                socket.DualMode = true;
            }

            socket.Bind(new IPEndPoint(rtpEndPoint.Address, rtpEndPoint.Port + 1));
            return new RtcpChannel(socket, ourSsrc, log, time);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            log.Debug(
                "RTCP port {RtcpPort} is not free ({Error}); the leg runs without reports",
                rtpEndPoint.Port + 1,
                ex.SocketErrorCode);
            return null;
        }
    }

    /// <summary>
    /// Names the far end: reports go to <paramref name="remoteRtcp"/> when its SDP gave one
    /// (a=rtcp), else to its RTP port plus one.
    /// </summary>
    public void Configure(IPEndPoint remoteRtp, IPEndPoint? remoteRtcp = null)
    {
        var remote = remoteRtcp ?? new IPEndPoint(remoteRtp.Address, remoteRtp.Port + 1);
        Volatile.Write(ref _remote, remote.Serialize());
        Volatile.Write(ref _latched, false);
    }

    /// <summary>
    /// Sends SRTCP from now on, protected with <paramref name="protect"/>, and accepts only
    /// SRTCP that <paramref name="unprotect"/> authenticates; nulls go back to plain RTCP.
    /// </summary>
    public void UseSrtp(SrtpContext? protect, SrtpContext? unprotect)
    {
        _protect = protect;
        _unprotect = unprotect;
    }

    /// <summary>Sends one compound report; called on the clock thread.</summary>
    public void Send(SenderInfo? sender, ReceptionReport? report)
    {
        var remote = Volatile.Read(ref _remote);
        if (remote is null)
        {
            return;
        }

        if (report is { } block && Interlocked.Read(ref _lastSenderReportArrival) is var arrival and not 0)
        {
            // RFC 3550 §6.4.1: DLSR is the time since that SR in 1/65536 s.
            var delay = _time.GetElapsedTime(arrival);
            report = block with
            {
                LastSenderReport = (uint)Interlocked.Read(ref _lastSenderReport),
                DelaySinceLastSenderReport = (uint)(delay.TotalSeconds * 65536),
            };
        }

        try
        {
            var length = RtcpPacket.Write(_sendBuffer, _ourSsrc, sender, report, _cname);
            if (_protect is { } srtp)
            {
                length = srtp.ProtectRtcp(_sendBuffer, length);
            }

            _socket.SendTo(_sendBuffer.AsSpan(0, length), SocketFlags.None, remote);
        }
        catch (SocketException ex)
        {
            _log.Verbose("RTCP report not sent: {Error}", ex.SocketErrorCode);
        }
        catch (ObjectDisposedException)
        {
            // Closing; the last report is not needed.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        await _receiveLoop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            int length;
            try
            {
                length = await _socket
                    .ReceiveFromAsync(_receiveBuffer.AsMemory(), SocketFlags.None, _receiveAddress, token)
                    .ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (ObjectDisposedException)
            {
                break;
            }
            catch (SocketException)
            {
                // An ICMP error from an earlier report; RTCP is best effort, and must not spin.
                if (!await PauseAsync(token).ConfigureAwait(false))
                {
                    break;
                }

                continue;
            }

            Handle(_receiveBuffer.AsSpan(0, length));
        }
    }

    private async Task<bool> PauseAsync(CancellationToken token)
    {
        try
        {
            await Task.Delay(MediaClock.Interval, _time, token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Handle(Span<byte> datagram)
    {
        // RFC 3711 §3.4: an SRTCP leg takes only reports that authenticate.
        if (_unprotect is { } srtp)
        {
            if (srtp.UnprotectRtcp(datagram, out var plainLength) != SrtpUnprotectResult.Ok)
            {
                Interlocked.Increment(ref _malformed);
                return;
            }

            datagram = datagram[..plainLength];
        }

        if (!RtcpPacket.TryRead(datagram, _ourSsrc, out var summary))
        {
            Interlocked.Increment(ref _malformed);
            return;
        }

        Interlocked.Increment(ref _reportsReceived);
        LatchIfFirst();
        var arrivalNtp = RtcpPacket.ToNtp(_time.GetUtcNow());
        if (summary.SenderNtpTimestamp is { } ntp)
        {
            Interlocked.Exchange(ref _lastSenderReport, RtcpPacket.Middle(ntp));
            Interlocked.Exchange(ref _lastSenderReportArrival, _time.GetTimestamp());
        }

        if (summary.AboutUs is { } block && RtcpPacket.RoundTrip(block, arrivalNtp) is { } roundTrip)
        {
            Interlocked.Exchange(ref _roundTripTicks, roundTrip.Ticks);
        }
    }

    private void LatchIfFirst()
    {
        if (Volatile.Read(ref _latched))
        {
            return;
        }

        Volatile.Write(ref _remote, CopyOf(_receiveAddress));
        Volatile.Write(ref _latched, true);
    }

    private static SocketAddress CopyOf(SocketAddress address)
    {
        var copy = new SocketAddress(address.Family, address.Size);
        address.Buffer.CopyTo(copy.Buffer);
        return copy;
    }
}
