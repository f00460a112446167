using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Appliance.Sip.Messages;
using Serilog;
using Serilog.Events;

namespace Appliance.Sip.Transport;

/// <summary>
/// SIP over TCP, or over TLS when given a certificate (RFC 3261 §18, §26.2; TLS 1.2 and 1.3),
/// either of them optionally as WebSocket (RFC 7118, subprotocol "sip", one SIP message per
/// WebSocket message) for browser phones.
/// Connections are kept and reused by remote endpoint in both directions: a response or a later
/// request to a peer goes back over the connection it came in on, which is what lets phones
/// behind NAT be reached (RFC 5626 §3.5 style flow reuse). Messages are framed by Content-Length
/// (§18.3); a double-CRLF ping is answered with one CRLF (RFC 5626 §4.4.1). A malformed message
/// is answered like on UDP (400, 413, 416, 505 or 513) over the same connection, with the same
/// per-peer rate-limited Warning; a stream that cannot be framed is closed. Attach it to the UDP
/// transport (<see cref="SipUdpTransport.AddStreamTransport"/>) so that the transaction layer
/// sends and receives through it. Outbound connections are opened only over TCP; over TLS we
/// answer on connections the peer opened. Thread safe.
/// </summary>
public sealed class SipStreamTransport : IAsyncDisposable
{
    /// <summary>Most connections held at once; a new one past it is refused.</summary>
    public const int MaxConnections = 4096;

    /// <summary>Most connections held from one IP address.</summary>
    public const int MaxConnectionsPerAddress = 64;

    private static readonly TimeSpan s_handshakeTimeout = TimeSpan.FromSeconds(10);

    private readonly TcpListener _listener;
    private readonly X509Certificate2? _certificate;
    private readonly bool _webSocket;
    private readonly ILogger _log;
    private readonly PeerWarningThrottle _malformed;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<IPEndPoint, SipStreamConnection> _connections = new();
    private Task? _accepting;
    private int _disposed;

    /// <param name="bind">Address and port to listen on; port 0 picks a free one.</param>
    /// <param name="certificate">The server certificate with its private key for TLS; null is TCP.</param>
    /// <param name="log">Diagnostic log.</param>
    /// <param name="time">Clock for the malformed-message log rate limit; null is the system clock.</param>
    /// <exception cref="SocketException">The address cannot be bound.</exception>
    /// <exception cref="ArgumentException">The certificate has no private key.</exception>
    /// <param name="webSocket">True for SIP over WebSocket (RFC 7118): WS, or WSS with a
    /// certificate.</param>
    public SipStreamTransport(
        IPEndPoint bind,
        X509Certificate2? certificate,
        ILogger log,
        TimeProvider? time = null,
        bool webSocket = false)
    {
        ArgumentNullException.ThrowIfNull(bind);
        ArgumentNullException.ThrowIfNull(log);
        if (certificate is { HasPrivateKey: false })
        {
            throw new ArgumentException("The TLS certificate has no private key.", nameof(certificate));
        }

        _certificate = certificate;
        _webSocket = webSocket;
        _log = log.ForContext<SipStreamTransport>();
        _listener = new TcpListener(bind);
        _listener.Start(512);
        LocalEndPoint = (IPEndPoint)_listener.LocalEndpoint;
        _malformed = new PeerWarningThrottle(_log, time ?? TimeProvider.System, MalformedDatagrams.Summarise);
    }

    /// <summary>"TCP", "TLS", "WS" or "WSS", as written in Via (RFC 3261 §18.2.1, RFC 7118 §5.2).</summary>
    public string Protocol => (_webSocket, _certificate is null) switch
    {
        (false, true) => "TCP",
        (false, false) => "TLS",
        (true, true) => "WS",
        _ => "WSS",
    };

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Connections open now.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Called for each well-formed message with its source; set before <see cref="Start"/>.</summary>
    public Func<SipMessage, IPEndPoint, ValueTask>? MessageReceived { get; set; }

    /// <summary>Starts accepting connections; later calls do nothing.</summary>
    /// <exception cref="ObjectDisposedException">The transport was disposed.</exception>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_accepting is null)
        {
            _accepting = Task.Run(AcceptLoopAsync);
            _log.Debug("SIP {Protocol} transport listening on {LocalEndPoint}", Protocol, LocalEndPoint);
        }
    }

    /// <summary>True when a connection to or from <paramref name="remote"/> is open.</summary>
    public bool HasConnection(IPEndPoint remote) => _connections.ContainsKey(remote);

    /// <summary>
    /// Sends over the open connection to <paramref name="destination"/>; over TCP a connection is
    /// opened when there is none.
    /// </summary>
    /// <exception cref="SocketException">No connection could be had.</exception>
    /// <exception cref="IOException">The connection broke while writing.</exception>
    public async ValueTask SendAsync(SipMessage message, IPEndPoint destination)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(destination);
        var connection = _connections.TryGetValue(destination, out var open)
            ? open
            : await ConnectAsync(destination).ConfigureAwait(false);
        if (_log.IsEnabled(LogEventLevel.Verbose))
        {
            _log.Verbose("Sending SIP over {Protocol} to {RemoteEndPoint}:\n{SipMessage}", Protocol, destination,
                message.ToString());
        }

        try
        {
            await connection.WriteMessageAsync(message.ToBytes()).ConfigureAwait(false);
        }
        catch (ObjectDisposedException ex)
        {
            throw new IOException($"The connection to {destination} is closed.", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        if (_accepting is not null)
        {
            await _accepting.ConfigureAwait(false);
        }

        foreach (var connection in _connections.Values)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        _connections.Clear();
        _listener.Dispose();
        _stopping.Dispose();
        _malformed.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                break;
            }
            catch (SocketException ex)
            {
                _log.Debug(ex, "Accepting a {Protocol} connection on {LocalEndPoint} failed", Protocol, LocalEndPoint);
                continue;
            }

            var remote = (IPEndPoint)client.Client.RemoteEndPoint!;
            if (_connections.Count >= MaxConnections || CountFrom(remote.Address) >= MaxConnectionsPerAddress)
            {
                _log.Warning("Refused a {Protocol} connection from {RemoteEndPoint}: too many connections",
                    Protocol, remote);
                client.Dispose();
                continue;
            }

            client.NoDelay = true;
            var connection = new SipStreamConnection(client, client.GetStream(), remote);
            _ = RunAsync(connection, accepted: true);
        }
    }

    private async Task<SipStreamConnection> ConnectAsync(IPEndPoint destination)
    {
        if (_certificate is not null || _webSocket)
        {
            throw new SocketException((int)SocketError.NotConnected);
        }

        var client = new TcpClient(destination.AddressFamily) { NoDelay = true };
        try
        {
            await client.ConnectAsync(destination, _stopping.Token).ConfigureAwait(false);
        }
        catch
        {
            client.Dispose();
            throw;
        }

        var connection = new SipStreamConnection(client, client.GetStream(), destination);
        if (!_connections.TryAdd(destination, connection))
        {
            // Another sender connected first; use that one.
            await connection.DisposeAsync().ConfigureAwait(false);
            return _connections[destination];
        }

        _log.Debug("Opened SIP {Protocol} connection to {RemoteEndPoint}", Protocol, destination);
        _ = RunAsync(connection, accepted: false);
        return connection;
    }

    private async Task RunAsync(SipStreamConnection connection, bool accepted)
    {
        var remote = connection.RemoteEndPoint;
        try
        {
            if (accepted)
            {
                if (_certificate is not null && !await TryHandshakeAsync(connection).ConfigureAwait(false))
                {
                    return;
                }

                if (_webSocket && !await TryUpgradeAsync(connection).ConfigureAwait(false))
                {
                    return;
                }

                _connections[remote] = connection;
                _log.Debug("Accepted SIP {Protocol} connection from {RemoteEndPoint}", Protocol, remote);
            }

            await connection.ReadLoopAsync(
                DeliverAsync,
                RefuseAsync,
                reason => _log.Warning("Closed SIP {Protocol} connection from {RemoteEndPoint}: {Reason}",
                    Protocol, remote, reason)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException
            or ObjectDisposedException or AuthenticationException)
        {
            _log.Debug(ex, "SIP {Protocol} connection with {RemoteEndPoint} ended", Protocol, remote);
        }
        finally
        {
            _connections.TryRemove(new KeyValuePair<IPEndPoint, SipStreamConnection>(remote, connection));
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<bool> TryHandshakeAsync(SipStreamConnection connection)
    {
        var tls = new SslStream(connection.RawStream, leaveInnerStreamOpen: false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(s_handshakeTimeout);
        try
        {
            await tls.AuthenticateAsServerAsync(
                new SslServerAuthenticationOptions
                {
                    ServerCertificate = _certificate,
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    ClientCertificateRequired = false,
                },
                timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or OperationCanceledException)
        {
            _log.Information("TLS handshake with {RemoteEndPoint} failed: {Reason}", connection.RemoteEndPoint,
                ex.Message);
            await tls.DisposeAsync().ConfigureAwait(false);
            return false;
        }

        connection.Upgrade(tls);
        return true;
    }

    private async Task<bool> TryUpgradeAsync(SipStreamConnection connection)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(s_handshakeTimeout);
        if (await connection.AcceptWebSocketAsync(timeout.Token).ConfigureAwait(false))
        {
            return true;
        }

        _log.Information("WebSocket upgrade from {RemoteEndPoint} refused: not a WebSocket for sip",
            connection.RemoteEndPoint);
        return false;
    }

    private async ValueTask DeliverAsync(SipMessage message, SipStreamConnection connection)
    {
        if (_log.IsEnabled(LogEventLevel.Verbose))
        {
            _log.Verbose("Received SIP over {Protocol} from {RemoteEndPoint}:\n{SipMessage}", Protocol,
                connection.RemoteEndPoint, message.ToString());
        }

        var handler = MessageReceived;
        if (handler is null)
        {
            return;
        }

        try
        {
            await handler(message, connection.RemoteEndPoint).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _log.Error(ex, "Handling a SIP message from {RemoteEndPoint} failed", connection.RemoteEndPoint);
        }
    }

    private async ValueTask RefuseAsync(SipParseError error, SipStreamConnection connection)
    {
        var source = connection.RemoteEndPoint;
        var log = _malformed.ShouldLog(source.Address);
        if (!error.TryCreateResponse(out var refusal))
        {
            if (log)
            {
                _log.Warning("Dropped malformed SIP message over {Protocol} from {RemoteEndPoint}: {Reason}",
                    Protocol, source, error.Reason);
            }

            return;
        }

        if (log)
        {
            _log.Warning(
                "Answered malformed SIP request over {Protocol} from {RemoteEndPoint} with {StatusCode}: {Reason}",
                Protocol, source, refusal.StatusCode, error.Reason);
        }

        await connection.WriteMessageAsync(refusal.ToBytes()).ConfigureAwait(false);
    }

    private int CountFrom(IPAddress address)
    {
        var count = 0;
        foreach (var remote in _connections.Keys)
        {
            if (remote.Address.Equals(address))
            {
                count++;
            }
        }

        return count;
    }
}
