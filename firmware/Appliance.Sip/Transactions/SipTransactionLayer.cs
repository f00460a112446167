using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Appliance.Sip.Messages;
using Appliance.Sip.Transport;
using Serilog;

namespace Appliance.Sip.Transactions;

/// <summary>
/// The transaction layer of RFC 3261 §17 over one <see cref="SipUdpTransport"/>; timers A-K
/// live here, on the given <see cref="TimeProvider"/>. Set the callbacks, then
/// <see cref="Start"/>. Callbacks run outside the layer's lock and are not awaited by the
/// receive loop (they run synchronously up to their first await), so a handler may await a
/// client transaction without stalling reception. Handler exceptions are logged at Error.
/// The constructor takes over the transport's <see cref="SipUdpTransport.MessageReceived"/>; the
/// layer does not own (or dispose) the transport. Thread safe.
/// </summary>
public sealed class SipTransactionLayer : IAsyncDisposable
{
    private readonly Dictionary<string, SipServerTransaction> _servers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SipClientTransaction> _clients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SipServerTransaction> _awaitingAck = new(StringComparer.Ordinal);
    private readonly SipUdpTransport _transport;
    private bool _disposed;

    public SipTransactionLayer(
        SipUdpTransport transport,
        TimeProvider time,
        ILogger log,
        SipTimerOptions? timers = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(log);
        _transport = transport;
        Time = time;
        Log = log.ForContext<SipTransactionLayer>();
        Timers = timers ?? new SipTimerOptions();
        _transport.MessageReceived = OnMessageAsync;
    }

    /// <summary>Every new request except ACK and CANCEL; the TU answers on the transaction.</summary>
    public Func<SipServerTransaction, ValueTask>? RequestReceived { get; set; }

    /// <summary>An ACK not absorbed by a transaction, i.e. the ACK of a 2xx (§17.1.1.3).</summary>
    public Func<SipRequest, IPEndPoint, ValueTask>? AckReceived { get; set; }

    /// <summary>
    /// A CANCEL matched an INVITE with no final response yet. The layer already answered the
    /// CANCEL with 200 (§9.2); the TU must send 487 on the INVITE transaction it is given.
    /// </summary>
    public Func<SipServerTransaction, ValueTask>? InviteCancelled { get; set; }

    /// <summary>A response matching no client transaction, e.g. a retransmitted 2xx to INVITE.</summary>
    public Func<SipResponse, IPEndPoint, ValueTask>? StrayResponseReceived { get; set; }

    /// <summary>Our 2xx to an INVITE was retransmitted for 64*T1 and never ACKed.</summary>
    public Func<SipServerTransaction, ValueTask>? AckTimedOut { get; set; }

    /// <summary>
    /// The address put in our Via headers when the transport is bound to a wildcard address;
    /// null uses the bound address. The same value as the transport's.
    /// </summary>
    public IPAddress? AdvertisedAddress
    {
        get => _transport.AdvertisedAddress;
        set => _transport.AdvertisedAddress = value;
    }

    /// <summary>The sent-by address and port of our Via headers.</summary>
    public IPEndPoint LocalEndPoint => _transport.ViaEndPoint;

    public SipUdpTransport Transport => _transport;

    internal Lock Gate { get; } = new();

    internal TimeProvider Time { get; }

    internal ILogger Log { get; }

    internal SipTimerOptions Timers { get; }

    /// <summary>Starts the transport's receive loop (if it is not running yet).</summary>
    public void Start() => _transport.Start();

    /// <summary>A fresh RFC 3261 branch: the magic cookie and 64 random bits (§8.1.1.7).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage(
        "Performance",
        "CA1822:Mark members as static",
        Justification = "Part of the room contract; a layer may later derive branches from its own state.")]
    public string NewBranch() => SipUdpTransport.NewBranch();

    /// <summary>A fresh From/To tag with 64 random bits (§19.3).</summary>
    public static string NewTag() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>
    /// Sends a request in a new client transaction. Adds a top Via
    /// (<c>SIP/2.0/UDP local;branch=...;rport</c>) when the request has none and Max-Forwards 70
    /// when it has none. An ACK is sent once, outside any transaction, and its
    /// <see cref="SipClientTransaction.FinalResponse"/> is already null.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The layer was disposed.</exception>
    public SipClientTransaction SendRequest(SipRequest request, IPEndPoint destination) =>
        SendRequestWatched(request, destination, onProvisional: null);

    /// <summary>
    /// As <see cref="SendRequest(SipRequest, IPEndPoint)"/>, with <paramref name="onProvisional"/>
    /// subscribed to <see cref="SipClientTransaction.ProvisionalReceived"/> before the request
    /// leaves, so a provisional that comes back at once is not missed.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The layer was disposed.</exception>
    public SipClientTransaction SendRequestWatched(
        SipRequest request,
        IPEndPoint destination,
        Action<SipResponse>? onProvisional)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(destination);
        PrepareOutgoing(request);
        var key = SipTransactionKeys.Client(request)
            ?? throw new ArgumentException("The request needs a CSeq header.", nameof(request));
        var transaction = new SipClientTransaction(this, key, request, destination);
        if (onProvisional is not null)
        {
            transaction.ProvisionalReceived += onProvisional;
        }

        if (request.Method == "ACK")
        {
            SendInBackground(request, destination);
            transaction.Abandon();
            return transaction;
        }

        lock (Gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _clients[key] = transaction;
        }

        transaction.Start();
        return transaction;
    }

    /// <summary>
    /// Sends the ACK of a 2xx (a transaction of its own, §17.1.1.3), adding Via if needed.
    /// </summary>
    public ValueTask SendAckAsync(SipRequest ack, IPEndPoint destination)
    {
        ArgumentNullException.ThrowIfNull(ack);
        PrepareOutgoing(ack);
        return SendSafeAsync(ack, destination);
    }

    public async ValueTask DisposeAsync()
    {
        List<SipClientTransaction> clients;
        lock (Gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            clients = [.. _clients.Values];
            foreach (var server in _servers.Values)
            {
                server.TerminateLocked();
            }

            _servers.Clear();
            _clients.Clear();
            _awaitingAck.Clear();
        }

        foreach (var client in clients)
        {
            client.Abandon();
        }

        _transport.MessageReceived = null;
        await ValueTask.CompletedTask.ConfigureAwait(false);
    }

    internal void AwaitAckLocked(SipServerTransaction transaction)
    {
        if (SipTransactionKeys.Acknowledged(transaction.Request) is { } key)
        {
            _awaitingAck[key] = transaction;
        }
    }

    internal void RemoveServer(SipServerTransaction transaction)
    {
        lock (Gate)
        {
            transaction.TerminateLocked();
            if (_servers.TryGetValue(transaction.Key, out var current)
                && ReferenceEquals(current, transaction))
            {
                _servers.Remove(transaction.Key);
            }

            if (SipTransactionKeys.Acknowledged(transaction.Request) is { } ackKey
                && _awaitingAck.TryGetValue(ackKey, out var waiting)
                && ReferenceEquals(waiting, transaction))
            {
                _awaitingAck.Remove(ackKey);
            }
        }
    }

    internal void RemoveClient(SipClientTransaction transaction)
    {
        lock (Gate)
        {
            RemoveClientLocked(transaction);
        }
    }

    internal void RemoveClientLocked(SipClientTransaction transaction)
    {
        if (_clients.TryGetValue(transaction.Key, out var current) && ReferenceEquals(current, transaction))
        {
            _clients.Remove(transaction.Key);
        }
    }

    /// <summary>A one-shot timer on the layer's clock.</summary>
    internal ITimer StartTimer(Action callback, TimeSpan due) =>
        Time.CreateTimer(_ => callback(), null, due, Timeout.InfiniteTimeSpan);

    internal void RaiseAckTimedOut(SipServerTransaction transaction) => Dispatch(AckTimedOut, transaction);

    internal void SendInBackground(SipMessage message, IPEndPoint destination) =>
        _ = SendSafeAsync(message, destination).AsTask();

    internal async ValueTask SendSafeAsync(SipMessage message, IPEndPoint destination) =>
        await TrySendAsync(message, destination).ConfigureAwait(false);

    internal async ValueTask<bool> TrySendAsync(SipMessage message, IPEndPoint destination)
    {
        var error = await SendOrExplainAsync(message, destination).ConfigureAwait(false);
        if (error is not null)
        {
            Log.Warning("Sending SIP to {RemoteEndPoint} failed: {Reason}", destination, error);
        }

        return error is null;
    }

    /// <summary>
    /// Sends <paramref name="message"/>; null when it left, otherwise why it could not (RFC 3261
    /// §17.1.4: a transport error, which the caller reports). Logged here at Debug only.
    /// </summary>
    internal async ValueTask<string?> SendOrExplainAsync(SipMessage message, IPEndPoint destination)
    {
        try
        {
            await _transport.SendAsync(message, destination).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (IsTransportError(ex))
        {
            // An endpoint of the other address family (an IPv6 route on the IPv4 socket) is an
            // ArgumentException from the socket: as unreachable as a refused connection.
            Log.Debug(ex, "Sending SIP to {RemoteEndPoint} failed", destination);
            return ex.Message;
        }
    }

    /// <summary>
    /// Whether messages on the transport <paramref name="message"/>'s top Via names go over a
    /// reliable (stream) transport: a request we sent names the one it went over, a request we
    /// received the one its responses go back on (RFC 3261 §18.2.2).
    /// </summary>
    internal bool IsReliable(SipMessage message) =>
        message.Vias.Count > 0 && _transport.HasStreamTransport(message.Vias[0].Transport);

    private static bool IsTransportError(Exception ex) =>
        ex is SocketException or IOException or ArgumentException or ObjectDisposedException
            or OperationCanceledException;

    private void PrepareOutgoing(SipRequest request)
    {
        _transport.EnsureVia(request);
        if (!request.Headers.Contains("Max-Forwards"))
        {
            request.Headers.Add("Max-Forwards", "70");
        }
    }

    private ValueTask OnMessageAsync(SipMessage message, IPEndPoint source)
    {
        if (message is SipRequest request)
        {
            StampVia(request, source);
            SipIncomingRequests.Handle(this, request, source);
        }
        else
        {
            OnResponse((SipResponse)message, source);
        }

        return ValueTask.CompletedTask;
    }

    private void OnResponse(SipResponse response, IPEndPoint source)
    {
        SipClientTransaction? transaction = null;
        var key = SipTransactionKeys.Client(response);
        lock (Gate)
        {
            if (key is not null)
            {
                _clients.TryGetValue(key, out transaction);
            }
        }

        if (transaction is null)
        {
            Dispatch(StrayResponseReceived, response, source);
            return;
        }

        transaction.OnResponse(response);
    }

    /// <summary>RFC 3261 §18.2.1 and RFC 3581 §4: record where the request really came from.</summary>
    private static void StampVia(SipRequest request, IPEndPoint source)
    {
        var vias = request.Vias;
        if (vias.Count == 0)
        {
            return;
        }

        var top = vias[0];
        var address = source.Address.IsIPv4MappedToIPv6 ? source.Address.MapToIPv4() : source.Address;
        var sameHost = string.Equals(
            top.Host.Trim('[', ']'),
            address.ToString(),
            StringComparison.OrdinalIgnoreCase);
        if (top.HasRPort || !sameHost)
        {
            top.Received = address.ToString();
        }

        if (top.HasRPort)
        {
            top.RPort = source.Port;
        }

        request.Headers.ReplaceFirst("Via", top.ToString());
    }

    internal bool TryGetServerLocked(string key, out SipServerTransaction? transaction) =>
        _servers.TryGetValue(key, out transaction);

    internal bool TryTakeAwaitingAckLocked(string key, out SipServerTransaction? transaction) =>
        _awaitingAck.Remove(key, out transaction);

    internal bool TryAddServerLocked(SipServerTransaction transaction)
    {
        if (_disposed)
        {
            return false;
        }

        _servers[transaction.Key] = transaction;
        return true;
    }

    internal void Dispatch<T>(Func<T, ValueTask>? handler, T argument)
    {
        if (handler is not null)
        {
            _ = InvokeAsync(() => handler(argument));
        }
    }

    internal void Dispatch<T1, T2>(Func<T1, T2, ValueTask>? handler, T1 first, T2 second)
    {
        if (handler is not null)
        {
            _ = InvokeAsync(() => handler(first, second));
        }
    }

    private async Task InvokeAsync(Func<ValueTask> call)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.Error(ex, "A SIP transaction user callback failed");
        }
    }
}
