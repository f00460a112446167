using System.Net;
using Appliance.Sip.Messages;

namespace Appliance.Sip.Transactions;

/// <summary>
/// One request we received (RFC 3261 §17.2), created by <see cref="SipTransactionLayer"/>.
/// Retransmitted requests are absorbed by resending the last response. A final response
/// to a non-INVITE, or a non-2xx to an INVITE, is retransmitted per Timer G/H/I/J; a 2xx to an
/// INVITE is retransmitted from T1 doubling to T2 until the ACK arrives or 64*T1 passes
/// (then <see cref="SipTransactionLayer.AckTimedOut"/>). An INVITE the TU has not answered within
/// 200 ms gets a 100 Trying from the transaction itself (§17.2.1). Over a reliable transport
/// (TCP, TLS, WebSocket) Timer G does not run and Timers I and J are zero (§17.2.1, §17.2.2);
/// Timer H and the 2xx retransmission still do (§13.3.1.4: a UDP hop may lie beyond the first).
/// Thread safe.
/// </summary>
public sealed class SipServerTransaction
{
    private static readonly TimeSpan s_tryingDelay = TimeSpan.FromMilliseconds(200);

    private readonly SipTransactionLayer _layer;
    private SipTransactionState _state;
    private SipResponse? _lastResponse;
    private ITimer? _retransmitTimer;
    private ITimer? _timeoutTimer;
    private ITimer? _tryingTimer;
    private TimeSpan _interval;
    private bool _acked;

    internal SipServerTransaction(
        SipTransactionLayer layer,
        string key,
        SipRequest request,
        IPEndPoint remote)
    {
        _layer = layer;
        Key = key;
        Request = request;
        RemoteEndPoint = remote;
        _state = request.Method == "INVITE" ? SipTransactionState.Proceeding : SipTransactionState.Trying;
    }

    public SipRequest Request { get; }

    /// <summary>
    /// The source address and port of the request; every response goes there (RFC 3581 §4).
    /// </summary>
    public IPEndPoint RemoteEndPoint { get; }

    /// <summary>True once a final response was sent.</summary>
    public bool IsCompleted
    {
        get
        {
            lock (_layer.Gate)
            {
                return _state >= SipTransactionState.Accepted;
            }
        }
    }

    internal string Key { get; }

    internal SipTransactionLayer Layer => _layer;

    internal bool IsInvite => Request.Method == "INVITE";

    /// <summary>The To tag of the last response sent, so a CANCEL's 200 can carry the same (§9.2).</summary>
    internal string? LastToTag
    {
        get
        {
            lock (_layer.Gate)
            {
                return _lastResponse?.To?.Tag;
            }
        }
    }

    /// <summary>
    /// Sends a response and drives the state machine. A response after the final one is not
    /// sent (a race such as 487 after 200 is expected) and is logged at Debug.
    /// </summary>
    public async ValueTask SendResponseAsync(SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        lock (_layer.Gate)
        {
            if (_state >= SipTransactionState.Accepted)
            {
                _layer.Log.Debug(
                    "Dropped {StatusCode} for {Method} {CallId}: a final response was already sent",
                    response.StatusCode,
                    Request.Method,
                    Request.CallId);
                return;
            }

            _lastResponse = response;
            StopTryingTimerLocked();
            if (response.StatusCode >= 200)
            {
                EnterFinalLocked(response);
            }
            else
            {
                _state = SipTransactionState.Proceeding;
            }
        }

        await _layer.SendSafeAsync(response, RemoteEndPoint).ConfigureAwait(false);
    }

    /// <summary>
    /// RFC 3261 §17.2.1: an INVITE server transaction answers 100 Trying itself when the TU has
    /// sent nothing within 200 ms, so the client's Timer A stops retransmitting.
    /// </summary>
    internal void StartTryingTimerLocked()
    {
        if (IsInvite)
        {
            _tryingTimer = _layer.StartTimer(SendTrying, s_tryingDelay);
        }
    }

    /// <summary>
    /// Sends a provisional again while no final response went out (RFC 3262 §3 retransmits a
    /// reliable provisional itself); does nothing afterwards.
    /// </summary>
    internal void Resend(SipResponse provisional)
    {
        lock (_layer.Gate)
        {
            if (_state != SipTransactionState.Proceeding)
            {
                return;
            }
        }

        _layer.SendInBackground(provisional, RemoteEndPoint);
    }

    /// <summary>A retransmission of the request arrived: resend the last response, if any.</summary>
    internal void OnRetransmission()
    {
        SipResponse? last;
        lock (_layer.Gate)
        {
            last = _state == SipTransactionState.Terminated ? null : _lastResponse;
        }

        if (last is not null)
        {
            _layer.SendInBackground(last, RemoteEndPoint);
        }
    }

    /// <summary>An ACK matched by branch: true when it belonged to our non-2xx final (absorbed).</summary>
    internal bool TryAbsorbAckLocked()
    {
        if (_state == SipTransactionState.Confirmed)
        {
            return true;
        }

        if (_state != SipTransactionState.Completed)
        {
            return false;
        }

        // RFC 3261 §17.2.1: Confirmed, Timer I absorbs ACK retransmissions for T4 (zero when
        // the transport is reliable and no ACK is retransmitted).
        _state = SipTransactionState.Confirmed;
        StopTimersLocked();
        if (_layer.IsReliable(Request))
        {
            _layer.RemoveServer(this);
            return true;
        }

        _timeoutTimer = _layer.StartTimer(Terminate, _layer.Timers.T4);
        return true;
    }

    /// <summary>The ACK of our 2xx arrived: stop retransmitting; stay until 64*T1 to absorb copies.</summary>
    internal void OnAckFor2xxLocked()
    {
        _acked = true;
        _retransmitTimer?.Dispose();
        _retransmitTimer = null;
    }

    internal void TerminateLocked()
    {
        _state = SipTransactionState.Terminated;
        StopTimersLocked();
        StopTryingTimerLocked();
    }

    private void SendTrying()
    {
        SipResponse trying;
        lock (_layer.Gate)
        {
            if (_tryingTimer is null || _lastResponse is not null || _state != SipTransactionState.Proceeding)
            {
                return;
            }

            StopTryingTimerLocked();
            trying = Request.CreateResponse(100, "Trying");
            _lastResponse = trying;
        }

        _layer.SendInBackground(trying, RemoteEndPoint);
    }

    private void StopTryingTimerLocked()
    {
        _tryingTimer?.Dispose();
        _tryingTimer = null;
    }

    private void EnterFinalLocked(SipResponse response)
    {
        var timers = _layer.Timers;
        var reliable = _layer.IsReliable(Request);
        _interval = timers.T1;
        if (!IsInvite)
        {
            // RFC 3261 §17.2.2: Timer J (64*T1 on UDP, zero on a reliable transport) keeps the
            // final for retransmitted requests.
            _state = SipTransactionState.Completed;
            _timeoutTimer = reliable ? null : _layer.StartTimer(Terminate, timers.Transaction);
            if (reliable)
            {
                _layer.RemoveServer(this);
            }

            return;
        }

        _state = response.IsSuccess ? SipTransactionState.Accepted : SipTransactionState.Completed;
        if (response.IsSuccess)
        {
            // RFC 3261 §13.3.1.4: the UAS core retransmits the 2xx until the ACK, for 64*T1.
            _layer.AwaitAckLocked(this);
        }

        // RFC 3261 §17.2.1: Timer G retransmits the non-2xx final on unreliable transports only,
        // Timer H gives up on its ACK.
        if (response.IsSuccess || !reliable)
        {
            _retransmitTimer = _layer.StartTimer(Retransmit, _interval);
        }

        _timeoutTimer = _layer.StartTimer(TimeOut, timers.Transaction);
    }

    private void Retransmit()
    {
        SipResponse? response;
        lock (_layer.Gate)
        {
            var waiting = _state == SipTransactionState.Completed
                || (_state == SipTransactionState.Accepted && !_acked);
            if (!waiting || _retransmitTimer is null)
            {
                return;
            }

            response = _lastResponse;
            _interval = _interval * 2 < _layer.Timers.T2 ? _interval * 2 : _layer.Timers.T2;
            _retransmitTimer.Change(_interval, Timeout.InfiniteTimeSpan);
        }

        if (response is not null)
        {
            _layer.SendInBackground(response, RemoteEndPoint);
        }
    }

    private void TimeOut()
    {
        bool ackMissing;
        bool wasSuccess;
        lock (_layer.Gate)
        {
            if (_state == SipTransactionState.Terminated)
            {
                return;
            }

            ackMissing = !_acked && _state is SipTransactionState.Accepted or SipTransactionState.Completed;
            wasSuccess = _state == SipTransactionState.Accepted;
        }

        Terminate();
        if (!ackMissing)
        {
            return;
        }

        _layer.Log.Debug(
            "No ACK for {StatusCode} to INVITE {CallId} from {RemoteEndPoint}",
            _lastResponse?.StatusCode,
            Request.CallId,
            RemoteEndPoint);
        if (wasSuccess)
        {
            _layer.RaiseAckTimedOut(this);
        }
    }

    private void Terminate() => _layer.RemoveServer(this);

    private void StopTimersLocked()
    {
        _retransmitTimer?.Dispose();
        _timeoutTimer?.Dispose();
        _retransmitTimer = null;
        _timeoutTimer = null;
    }
}
