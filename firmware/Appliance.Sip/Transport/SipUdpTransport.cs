using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Appliance.Sip.Messages;
using Serilog;
using Serilog.Events;

namespace Appliance.Sip.Transport;

/// <summary>
/// SIP over one UDP socket (RFC 3261 §18). The socket is bound in the constructor, so
/// <see cref="LocalEndPoint"/> holds the real port even for port 0. <see cref="Start"/> runs a
/// receive loop that parses each datagram and awaits <see cref="MessageReceived"/> before reading
/// the next, so handlers must not block. A malformed datagram is answered with 400 to its source
/// address when the request can be answered (RFC 3581 style, 505 or 416 where they apply),
/// otherwise dropped. The Warning for it is rate limited per peer IP: the first one in a minute is
/// logged with its reason, the rest are summarised once. The loop survives any handler or socket
/// error until disposal.
/// <see cref="SendAsync"/> may be called from any thread; a request without a Via gets one
/// (with a fresh branch and rport), so an ACK built by a dialog can be sent as it is.
/// Stream transports added with <see cref="AddStreamTransport"/> share this one's
/// <see cref="MessageReceived"/> and <see cref="SendAsync"/>, so one transaction layer serves
/// every transport: see <see cref="SendAsync"/> for how a message picks its transport.
/// </summary>
public sealed class SipUdpTransport : IAsyncDisposable
{
    private const int ReceiveBufferBytes = 65535;

    // RFC 3261 §18.1.1: 1300 bytes, 200 below a 1500-byte MTU.
    private const int LargeRequestBytes = 1300;

    private readonly Socket _socket;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stopping = new();
    private readonly PeerWarningThrottle _malformed;
    private readonly SourceRateLimit _perSource;
    private readonly List<SipStreamTransport> _streams = [];
    private Task? _loop;
    private int _disposed;

    /// <param name="bind">Address and port to bind; port 0 picks a free one.</param>
    /// <param name="log">Diagnostic log.</param>
    /// <param name="time">Clock for the malformed-datagram log rate limit and the per-source limit;
    /// null is the system clock.</param>
    /// <param name="messagesPerSecondPerSource">See <see cref="MessagesPerSecondPerSource"/>.</param>
    /// <exception cref="SocketException">The address cannot be bound.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The per-source limit is not positive.</exception>
    public SipUdpTransport(
        IPEndPoint bind,
        ILogger log,
        TimeProvider? time = null,
        int messagesPerSecondPerSource = DefaultMessagesPerSecondPerSource)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(messagesPerSecondPerSource);
        ArgumentNullException.ThrowIfNull(bind);
        ArgumentNullException.ThrowIfNull(log);
        _log = log.ForContext<SipUdpTransport>();
        _socket = new Socket(bind.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            _socket.Bind(bind);
        }
        catch
        {
            _socket.Dispose();
            throw;
        }

        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _malformed = new PeerWarningThrottle(_log, time ?? TimeProvider.System, MalformedDatagrams.Summarise);
        MessagesPerSecondPerSource = messagesPerSecondPerSource;
        _perSource = new SourceRateLimit(time ?? TimeProvider.System, messagesPerSecondPerSource);
    }

    /// <summary>
    /// The default of <see cref="MessagesPerSecondPerSource"/>. A trunk at 500 calls per second
    /// sends about 1,500 (INVITE, ACK, BYE).
    /// </summary>
    public const int DefaultMessagesPerSecondPerSource = 2000;

    /// <summary>
    /// SIP messages per second taken from one source address over every transport together (a
    /// burst of as many); the rest are dropped, so one flooding host cannot starve the others. A
    /// datagram is counted before it is parsed, a stream message once it is framed.
    /// </summary>
    public int MessagesPerSecondPerSource { get; }

    /// <summary>The bound address and the real port.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>
    /// The address put in Via headers we add when the socket is bound to a wildcard address;
    /// null uses the bound address.
    /// </summary>
    public IPAddress? AdvertisedAddress { get; set; }

    /// <summary>The sent-by address and port of the Via headers we add.</summary>
    public IPEndPoint ViaEndPoint
    {
        get
        {
            var bound = LocalEndPoint;
            var wildcard = bound.Address.Equals(IPAddress.Any) || bound.Address.Equals(IPAddress.IPv6Any);
            return wildcard && AdvertisedAddress is { } advertised
                ? new IPEndPoint(advertised, bound.Port)
                : bound;
        }
    }

    /// <summary>
    /// Called for each well-formed message with its source; set before <see cref="Start"/>.
    /// </summary>
    public Func<SipMessage, IPEndPoint, ValueTask>? MessageReceived { get; set; }

    /// <summary>Starts the receive loop; later calls do nothing.</summary>
    /// <exception cref="ObjectDisposedException">The transport was disposed.</exception>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_loop is null)
        {
            _loop = Task.Run(ReceiveLoopAsync);
            _log.Debug("SIP UDP transport listening on {LocalEndPoint}", LocalEndPoint);
        }
    }

    /// <summary>
    /// Adds a TCP or TLS transport: messages it receives go to <see cref="MessageReceived"/>, and
    /// <see cref="SendAsync"/> may route through it. Call before <see cref="Start"/>.
    /// </summary>
    public void AddStreamTransport(SipStreamTransport stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.MessageReceived = (message, source) =>
            TakeFromSource(source.Address) && MessageReceived is { } handler
                ? handler(message, source)
                : ValueTask.CompletedTask;
        lock (_streams)
        {
            _streams.Add(stream);
        }
    }

    /// <summary>
    /// Sends one message. A response goes over the stream transport its top Via names (RFC 3261
    /// §18.2.2), a request over an open stream connection to the destination when there is one
    /// (the flow a phone registered on), and a request over 1300 bytes over TCP when a TCP
    /// transport is added (§18.1.1), falling back to UDP when no connection can be had. Our Via
    /// on a request is rewritten to name the transport used. Everything else is a datagram.
    /// </summary>
    /// <exception cref="SocketException">The message could not be sent.</exception>
    /// <exception cref="IOException">A stream connection broke while writing.</exception>
    public async ValueTask SendAsync(SipMessage message, IPEndPoint destination)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(destination);
        if (message is SipRequest request)
        {
            EnsureVia(request);
        }

        if (await TrySendOverStreamAsync(message, destination).ConfigureAwait(false))
        {
            return;
        }

        var bytes = message.ToBytes();
        if (_log.IsEnabled(LogEventLevel.Verbose))
        {
            _log.Verbose("Sending SIP to {RemoteEndPoint}:\n{SipMessage}", destination, message.ToString());
        }

        await _socket.SendToAsync(bytes, SocketFlags.None, destination, _stopping.Token)
            .ConfigureAwait(false);
    }

    private async ValueTask<bool> TrySendOverStreamAsync(SipMessage message, IPEndPoint destination)
    {
        SipStreamTransport[] streams;
        lock (_streams)
        {
            streams = [.. _streams];
        }

        if (streams.Length == 0)
        {
            return false;
        }

        if (message is SipResponse)
        {
            var protocol = message.Vias.Count > 0 ? message.Vias[0].Transport : "UDP";
            var stream = Array.Find(streams, s => s.Protocol == protocol);
            if (stream is null)
            {
                return false;
            }

            await stream.SendAsync(message, destination).ConfigureAwait(false);
            return true;
        }

        var request = (SipRequest)message;
        var open = Array.Find(streams, s => s.HasConnection(destination));
        if (open is not null)
        {
            RewriteOurVia(request, open.Protocol, open.LocalEndPoint.Port);
            await open.SendAsync(request, destination).ConfigureAwait(false);
            return true;
        }

        var tcp = Array.Find(streams, s => s.Protocol == "TCP");
        if (tcp is null || request.ToBytes().Length <= LargeRequestBytes || request.Method == "ACK")
        {
            return false;
        }

        // RFC 3261 §18.1.1: a request within 200 bytes of the 1500-byte path MTU goes over TCP;
        // if no connection can be had it is sent as a datagram after all.
        RewriteOurVia(request, "TCP", tcp.LocalEndPoint.Port);
        try
        {
            await tcp.SendAsync(request, destination).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            _log.Debug(ex, "TCP to {RemoteEndPoint} failed; sending the large request over UDP", destination);
            RewriteOurVia(request, "UDP", LocalEndPoint.Port);
            return false;
        }
    }

    /// <summary>Whether a stream transport for <paramref name="protocol"/> (TCP, TLS, WS, WSS) is added.</summary>
    internal bool HasStreamTransport(string protocol)
    {
        lock (_streams)
        {
            return _streams.Exists(s => string.Equals(s.Protocol, protocol, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>Rewrites the top Via when it is ours (our sent-by), so it names the transport.</summary>
    private void RewriteOurVia(SipRequest request, string protocol, int port)
    {
        var top = request.Vias.Count > 0 ? request.Vias[0] : null;
        var ours = ViaEndPoint;
        if (top is null || !IsOurSentBy(top, ours) || top.Transport == protocol && top.Port == port)
        {
            return;
        }

        var rewritten = new SipVia(protocol, top.Host, port);
        foreach (var (name, value) in top.Parameters)
        {
            rewritten.Parameters[name] = value;
        }

        request.Headers.ReplaceFirst("Via", rewritten.ToString());
    }

    private bool IsOurSentBy(SipVia via, IPEndPoint ours)
    {
        var host = ours.Address.AddressFamily == AddressFamily.InterNetworkV6
            ? $"[{ours.Address}]"
            : ours.Address.ToString();
        if (!string.Equals(via.Host, host, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        lock (_streams)
        {
            return via.Port == ours.Port || _streams.Exists(s => s.LocalEndPoint.Port == via.Port);
        }
    }

    /// <summary>A fresh RFC 3261 branch: the magic cookie and 64 random bits (§8.1.1.7).</summary>
    internal static string NewBranch() =>
        SipVia.MagicCookie + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>
    /// RFC 3261 §18.1.1 and RFC 3581 §3: our Via, with rport, on a request that has none.
    /// </summary>
    internal void EnsureVia(SipRequest request)
    {
        if (request.Headers.Contains("Via"))
        {
            return;
        }

        var local = ViaEndPoint;
        var host = local.Address.AddressFamily == AddressFamily.InterNetworkV6
            ? $"[{local.Address}]"
            : local.Address.ToString();
        request.Headers.Insert(0, "Via", $"SIP/2.0/UDP {host}:{local.Port};branch={NewBranch()};rport");
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _stopping.Dispose();
        _malformed.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[ReceiveBufferBytes];
        EndPoint any = new IPEndPoint(
            _socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stopping.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stopping.Token)
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
            catch (SocketException ex)
            {
                // An ICMP error for an earlier send surfaces here on some stacks; the socket is fine.
                _log.Debug(ex, "UDP receive on {LocalEndPoint} failed; continuing", LocalEndPoint);
                continue;
            }

            var source = (IPEndPoint)received.RemoteEndPoint;
            if (!TakeFromSource(source.Address))
            {
                continue;
            }

            await HandleDatagramAsync(buffer.AsMemory(0, received.ReceivedBytes), source)
                .ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Counts one message from <paramref name="address"/> against its limit; false (and one
    /// Warning per address per minute) when it is over. Called by the UDP loop and by every stream
    /// connection's reader, hence the lock.
    /// </summary>
    private bool TakeFromSource(IPAddress address)
    {
        bool taken;
        bool warn;
        long refused;
        lock (_perSource)
        {
            taken = _perSource.TryTake(address, out warn, out refused);
        }

        if (warn)
        {
            _log.Warning(
                "Dropping SIP messages from {RemoteAddress} over {Limit} per second ({Dropped} since last said)",
                address,
                MessagesPerSecondPerSource,
                refused);
        }

        return taken;
    }

    private async Task HandleDatagramAsync(ReadOnlyMemory<byte> datagram, IPEndPoint source)
    {
        // RFC 5626 §4.4.1 keep-alives (a bare CRLF or CRLFCRLF) are not messages.
        if (IsKeepAlive(datagram.Span))
        {
            return;
        }

        if (!SipParser.TryParse(datagram.Span, out var message, out var error))
        {
            await RefuseAsync(error, source).ConfigureAwait(false);
            return;
        }

        if (_log.IsEnabled(LogEventLevel.Verbose))
        {
            _log.Verbose("Received SIP from {RemoteEndPoint}:\n{SipMessage}", source, message.ToString());
        }

        var handler = MessageReceived;
        if (handler is null)
        {
            return;
        }

        try
        {
            await handler(message, source).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _log.Error(ex, "Handling a SIP message from {RemoteEndPoint} failed", source);
        }
    }

    private async Task RefuseAsync(SipParseError error, IPEndPoint source)
    {
        var log = _malformed.ShouldLog(source.Address);
        if (!error.TryCreateResponse(out var refusal))
        {
            if (log)
            {
                _log.Warning(
                    "Dropped malformed SIP datagram from {RemoteEndPoint}: {Reason}",
                    source,
                    error.Reason);
            }

            return;
        }

        if (log)
        {
            _log.Warning(
                "Answered malformed SIP request from {RemoteEndPoint} with {StatusCode}: {Reason}",
                source,
                refusal.StatusCode,
                error.Reason);
        }

        try
        {
            await SendAsync(refusal, source).ConfigureAwait(false);
        }
        catch (Exception ex)
            when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            _log.Debug(ex, "Sending {StatusCode} to {RemoteEndPoint} failed", refusal.StatusCode, source);
        }
    }

    private static bool IsKeepAlive(ReadOnlySpan<byte> datagram) =>
        datagram.IsEmpty || datagram.TrimStart("\r\n"u8).IsEmpty;
}
