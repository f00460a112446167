using System.Net;
using Appliance.Sip.Messages;

namespace Appliance.Sip.Transactions;

/// <summary>
/// One request we sent (RFC 3261 §17.1), created by <see cref="SipTransactionLayer.SendRequest"/>.
/// INVITE: Timer A retransmits from T1 doubling, Timer B (64*T1) gives up while no response
/// came, a non-2xx final is ACKed here and Timer D absorbs its retransmissions; after a 2xx the
/// transaction waits in Accepted for Timer M (64*T1, RFC 6026 §7.2) and hands every further 2xx
/// (retransmissions and other forks) to <see cref="SipTransactionLayer.StrayResponseReceived"/>,
/// since the TU, not the transaction, acknowledges a 2xx. Non-INVITE:
/// Timer E retransmits doubling to T2, Timer F (64*T1) gives up, Timer K (T4) absorbs final
/// retransmissions. Over a reliable transport (TCP, TLS, WebSocket) nothing is retransmitted and
/// Timers D and K are zero (§17.1.1.2, §17.1.2.2); B and F still apply. A transport error on any
/// send ends the transaction at once (§17.1.4) and is named by <see cref="TransportError"/>.
/// <see cref="FinalResponse"/> completes on the first final response, or with null on timeout or a
/// transport failure; its continuations run asynchronously. Thread safe.
/// </summary>
public sealed class SipClientTransaction
{
    private readonly SipTransactionLayer _layer;
    private readonly TaskCompletionSource<SipResponse?> _final =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SipTransactionState _state;
    private ITimer? _retransmitTimer;
    private ITimer? _timeoutTimer;
    private TimeSpan _interval;
    private SipRequest? _ack;
    private bool _cancelRequested;
    private bool _cancelSent;
    private bool _sent;
    private bool _reliable;
    private string? _transportError;

    internal SipClientTransaction(
        SipTransactionLayer layer,
        string key,
        SipRequest request,
        IPEndPoint destination)
    {
        _layer = layer;
        Key = key;
        Request = request;
        Destination = destination;
        _state = IsInvite ? SipTransactionState.Calling : SipTransactionState.Trying;
    }

    /// <summary>Raised, outside any lock, for each provisional response (retransmissions too).</summary>
    public event Action<SipResponse>? ProvisionalReceived;

    public SipRequest Request { get; }

    public IPEndPoint Destination { get; }

    /// <summary>The first final response, or null when Timer B/F fired or sending failed.</summary>
    public Task<SipResponse?> FinalResponse => _final.Task;

    /// <summary>
    /// Why the request could not be sent (RFC 3261 §17.1.4), once <see cref="FinalResponse"/> has
    /// completed with null for that reason; null otherwise. The TU treats it as a 503 (§8.1.3.1).
    /// </summary>
    public string? TransportError
    {
        get
        {
            lock (_layer.Gate)
            {
                return _transportError;
            }
        }
    }

    internal string Key { get; }

    private bool IsInvite => Request.Method == "INVITE";

    /// <summary>
    /// Cancels an INVITE (RFC 3261 §9.1): the CANCEL goes out once a provisional response has
    /// arrived, at once if one already has. Does nothing after a final response or a second time.
    /// The INVITE then normally ends with 487 on <see cref="FinalResponse"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The request is not an INVITE.</exception>
    public ValueTask CancelAsync()
    {
        if (!IsInvite)
        {
            throw new InvalidOperationException($"Only an INVITE can be cancelled, not {Request.Method}.");
        }

        lock (_layer.Gate)
        {
            if (_cancelRequested || _state >= SipTransactionState.Accepted)
            {
                return ValueTask.CompletedTask;
            }

            _cancelRequested = true;
            if (_state != SipTransactionState.Proceeding)
            {
                return ValueTask.CompletedTask;
            }

            _cancelSent = true;
        }

        SendCancel();
        return ValueTask.CompletedTask;
    }

    internal void Start()
    {
        lock (_layer.Gate)
        {
            _interval = _layer.Timers.T1;
            _retransmitTimer = _layer.StartTimer(Retransmit, _interval);
            _timeoutTimer = _layer.StartTimer(TimeOut, _layer.Timers.Transaction);
        }

        _ = SendFirstAsync();
    }

    internal void OnResponse(SipResponse response)
    {
        if (response.IsProvisional)
        {
            OnProvisional(response);
        }
        else
        {
            OnFinal(response);
        }
    }

    internal void Abandon()
    {
        lock (_layer.Gate)
        {
            TerminateLocked();
        }

        _final.TrySetResult(null);
    }

    private void OnProvisional(SipResponse response)
    {
        var cancelNow = false;
        lock (_layer.Gate)
        {
            if (_state >= SipTransactionState.Accepted)
            {
                return;
            }

            if (_state is SipTransactionState.Calling or SipTransactionState.Trying)
            {
                _state = SipTransactionState.Proceeding;
                if (IsInvite)
                {
                    // RFC 3261 §17.1.1.2: no more retransmissions and no Timer B once in Proceeding.
                    StopTimersLocked();
                }
            }

            if (_cancelRequested && !_cancelSent)
            {
                _cancelSent = true;
                cancelNow = true;
            }
        }

        if (cancelNow)
        {
            SendCancel();
        }

        try
        {
            ProvisionalReceived?.Invoke(response);
        }
        catch (Exception ex)
        {
            _layer.Log.Error(
                ex,
                "ProvisionalReceived handler failed for {Method} {CallId}",
                Request.Method,
                Request.CallId);
        }
    }

    private void OnFinal(SipResponse response)
    {
        SipRequest? ackToSend = null;
        var forward = false;
        lock (_layer.Gate)
        {
            if (_state == SipTransactionState.Terminated)
            {
                return;
            }

            if (_state == SipTransactionState.Accepted)
            {
                // RFC 6026 §7.2: in Accepted a 2xx goes to the TU, which ACKs it again; anything
                // else is absorbed.
                if (!response.IsSuccess)
                {
                    return;
                }

                forward = true;
            }
            else if (_state == SipTransactionState.Completed)
            {
                // A retransmitted final: for INVITE the ACK is sent again (§17.1.1.2), else absorbed.
                ackToSend = _ack;
                if (ackToSend is null)
                {
                    return;
                }
            }
            else if (IsInvite && response.IsSuccess)
            {
                // RFC 6026 §7.2: a 2xx moves the transaction to Accepted; the TU sends the ACK.
                StopTimersLocked();
                _state = SipTransactionState.Accepted;
                _timeoutTimer = _layer.StartTimer(() => _layer.RemoveClient(this), _layer.Timers.Transaction);
            }
            else
            {
                EnterCompletedLocked(response);
                ackToSend = _ack;
            }
        }

        if (forward)
        {
            _layer.Dispatch(_layer.StrayResponseReceived, response, Destination);
            return;
        }

        if (ackToSend is not null)
        {
            _layer.SendInBackground(ackToSend, Destination);
        }

        // A retransmitted final finds the task already completed; TrySetResult keeps the first.
        _final.TrySetResult(response);
    }

    private void EnterCompletedLocked(SipResponse response)
    {
        StopTimersLocked();
        _state = SipTransactionState.Completed;
        if (IsInvite)
        {
            _ack = CreateAckForFailure(response);
        }

        // Timer D for INVITE (§17.1.1.2), Timer K = T4 for non-INVITE (§17.1.2.2); both are zero
        // over a reliable transport, where no final is retransmitted.
        if (_reliable)
        {
            _layer.RemoveClientLocked(this);
            return;
        }

        var linger = IsInvite ? _layer.Timers.TimerD : _layer.Timers.T4;
        _timeoutTimer = _layer.StartTimer(() => _layer.RemoveClient(this), linger);
    }

    private void Retransmit()
    {
        lock (_layer.Gate)
        {
            var active = _state == SipTransactionState.Calling
                || (!IsInvite && _state is SipTransactionState.Trying or SipTransactionState.Proceeding);
            if (!active || _retransmitTimer is null || _reliable)
            {
                return;
            }

            if (!_sent)
            {
                // The first send is still under way (a TCP connect): wait, do not send twice.
                _retransmitTimer.Change(_interval, Timeout.InfiniteTimeSpan);
                return;
            }

            // Timer A doubles without bound (§17.1.1.2); Timer E doubles to T2, and is T2 in
            // Proceeding (§17.1.2.2).
            var doubled = _interval * 2;
            var capped = _state == SipTransactionState.Proceeding || doubled > _layer.Timers.T2;
            _interval = IsInvite || !capped ? doubled : _layer.Timers.T2;
            _retransmitTimer.Change(_interval, Timeout.InfiniteTimeSpan);
        }

        _ = SendOrFailAsync();
    }

    private void TimeOut()
    {
        lock (_layer.Gate)
        {
            if (_state >= SipTransactionState.Accepted)
            {
                return;
            }
        }

        _layer.Log.Debug(
            "{Method} {CallId} to {RemoteEndPoint} timed out without a final response",
            Request.Method,
            Request.CallId,
            Destination);
        _layer.RemoveClient(this);
        _final.TrySetResult(null);
    }

    private async Task SendFirstAsync()
    {
        if (!await SendOrFailAsync().ConfigureAwait(false))
        {
            return;
        }

        lock (_layer.Gate)
        {
            _sent = true;

            // RFC 3261 §17.1.1.2 and §17.1.2.2: Timers A and E run on unreliable transports only.
            // The transport names the one it used in our Via.
            _reliable = _layer.IsReliable(Request);
            if (_reliable)
            {
                _retransmitTimer?.Dispose();
                _retransmitTimer = null;
            }
        }
    }

    /// <summary>Sends the request; on a transport error ends the transaction (§17.1.4).</summary>
    private async Task<bool> SendOrFailAsync()
    {
        var error = await _layer.SendOrExplainAsync(Request, Destination).ConfigureAwait(false);
        if (error is null)
        {
            return true;
        }

        lock (_layer.Gate)
        {
            if (_state == SipTransactionState.Terminated || _final.Task.IsCompleted)
            {
                return false;
            }

            _transportError = error;
            TerminateLocked();
            _layer.RemoveClientLocked(this);
        }

        _final.TrySetResult(null);
        return false;
    }

    private void SendCancel() => _layer.SendRequest(SipRequestCopies.CreateCancel(Request), Destination);

    /// <summary>RFC 3261 §17.1.1.3: the ACK of a non-2xx is part of this transaction.</summary>
    private SipRequest CreateAckForFailure(SipResponse response)
    {
        var ack = SipRequestCopies.CopyForAckOrCancel(Request, "ACK");
        var to = response.Headers["To"];
        if (to is not null)
        {
            ack.Headers["To"] = to;
        }

        return ack;
    }

    private void TerminateLocked()
    {
        _state = SipTransactionState.Terminated;
        StopTimersLocked();
    }

    private void StopTimersLocked()
    {
        _retransmitTimer?.Dispose();
        _timeoutTimer?.Dispose();
        _retransmitTimer = null;
        _timeoutTimer = null;
    }
}
