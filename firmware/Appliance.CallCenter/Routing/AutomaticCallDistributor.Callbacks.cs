namespace Appliance.CallCenter.Routing;

/// <summary>
/// Callbacks: a waiting caller hangs up and keeps its place in line; when that place reaches the
/// head of the queue the distributor asks for the caller to be dialled, and the answered,
/// confirmed call takes the place back, ahead of the calls that came after it.
/// </summary>
/// <remarks>
/// A callback waits in its queue like a call (it counts in positions, snapshots and the
/// queue's order) but is never offered to an agent. It is due when it is first in its queue's
/// service order and not already being dialled or waiting out a retry delay.
/// </remarks>
public sealed partial class AutomaticCallDistributor
{
    /// <summary>
    /// Raised when a callback reached the head of its queue: dial the caller now. The callback is
    /// held (not due again) until it is answered, failed or cancelled.
    /// </summary>
    public event Action<AcdCallback>? CallbackDue;

    /// <summary>
    /// The waiting caller chose to be called back at <paramref name="number"/> and hangs up: the
    /// call keeps its place as a callback, its ringing offers are withdrawn and its queue rules
    /// (overflow, maximum wait) no longer run.
    /// </summary>
    /// <returns>False when the call is not waiting (answered, gone, or already a callback).</returns>
    public bool KeepPlaceForCallback(string callId, string number)
    {
        ArgumentNullException.ThrowIfNull(callId);
        ArgumentException.ThrowIfNullOrEmpty(number);

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_calls.TryGetValue(callId, out var call) || call.AnsweredBy is not null
                || call.CallbackNumber is not null)
            {
                return false;
            }

            call.DisposeTimers();
            call.CallbackNumber = number;
            _log.Information("Call {CallId} keeps position {Position} in {Queue} for a callback",
                callId, PositionLocked(call), call.Queue.Name);
            WithdrawAllLocked(call, WithdrawReason.CallerLeftForCallback);
            CallBackIfDueLocked(call.Queue);
        }

        Publish();
        return true;
    }

    /// <summary>
    /// Puts back a callback stored before a restart, behind the calls already in the queue of
    /// its priority. Restore callbacks in the order they were asked for, to keep their order.
    /// </summary>
    /// <returns>False when the queue is not configured or the id is already in the distributor.</returns>
    public bool RestoreCallback(string callbackId, string queue, string number, CallRequirements requirements)
    {
        ArgumentException.ThrowIfNullOrEmpty(callbackId);
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentException.ThrowIfNullOrEmpty(number);
        ArgumentNullException.ThrowIfNull(requirements);

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_queues.TryGetValue(queue, out var state) || _calls.ContainsKey(callbackId))
            {
                return false;
            }

            var call = new AcdCall(callbackId, state, requirements, _time.GetUtcNow(), ++_callSequence)
            {
                CallbackNumber = number,
            };
            _calls.Add(callbackId, call);
            state.Waiting.Add(call);
            _log.Information("Callback {CallbackId} restored in {Queue} at position {Position}",
                callbackId, queue, PositionLocked(call));
            CallBackIfDueLocked(state);
        }

        Publish();
        return true;
    }

    /// <summary>
    /// The caller answered the callback and confirmed: the live call <paramref name="callId"/>
    /// takes the callback's place (its priority and arrival order) and is offered to the next
    /// free agent. Queue rules (overflow, maximum wait) do not run again for it.
    /// </summary>
    /// <returns>False when no such callback is held (cancelled, or its queue was removed).</returns>
    /// <exception cref="ArgumentException"><paramref name="callId"/> is already in the distributor.</exception>
    public bool CallbackAnswered(string callbackId, string callId)
    {
        ArgumentNullException.ThrowIfNull(callbackId);
        ArgumentException.ThrowIfNullOrEmpty(callId);

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_calls.TryGetValue(callbackId, out var placeholder) || placeholder.CallbackNumber is null)
            {
                return false;
            }

            if (_calls.ContainsKey(callId))
            {
                throw new ArgumentException($"Call '{callId}' is already in the distributor.", nameof(callId));
            }

            var queue = placeholder.Queue;
            queue.Waiting.Remove(placeholder);
            placeholder.RetryTimer?.Dispose();
            _calls.Remove(callbackId);
            var call = new AcdCall(
                callId, queue, placeholder.Requirements, placeholder.EnqueuedUtc, placeholder.Sequence);
            _calls.Add(callId, call);
            queue.Waiting.Add(call);
            StepLocked(AcdCallEventKind.Queued, call, null, TimeSpan.Zero);
            _log.Information("Callback {CallbackId} answered as call {CallId}, back in {Queue} at position {Position}",
                callbackId, callId, queue.Name, PositionLocked(call));
            DispatchLocked(queue);
        }

        Publish();
        return true;
    }

    /// <summary>
    /// Dialling the callback failed (busy, no answer, not confirmed): it keeps its place and is
    /// due again once <paramref name="retryAfter"/> has passed, if it is still at the head then.
    /// </summary>
    public void CallbackFailed(string callbackId, TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(callbackId);

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_calls.TryGetValue(callbackId, out var call) || call.CallbackNumber is null)
            {
                return;
            }

            call.RetryTimer?.Dispose();
            call.RetryTimer = _time.CreateTimer(
                _ => OnCallbackRetry(call), null, retryAfter, Timeout.InfiniteTimeSpan);
            _log.Information("Callback {CallbackId} in {Queue} will be tried again after {RetryAfter}",
                callbackId, call.Queue.Name, retryAfter);
        }
    }

    /// <summary>The callback is given up (attempts exhausted, or cancelled): it leaves its queue.</summary>
    public void CancelCallback(string callbackId)
    {
        ArgumentNullException.ThrowIfNull(callbackId);

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_calls.TryGetValue(callbackId, out var call) || call.CallbackNumber is null)
            {
                return;
            }

            _log.Information("Callback {CallbackId} left {Queue}", callbackId, call.Queue.Name);
            RemoveWaitingLocked(call);
        }

        Publish();
    }

    private void OnCallbackRetry(AcdCall call)
    {
        lock (_lock)
        {
            if (_disposed || !_calls.TryGetValue(call.CallId, out var current) || !ReferenceEquals(current, call))
            {
                return;
            }

            call.CallbackHeld = false;
            CallBackIfDueLocked(call.Queue);
        }

        Publish();
    }

    // The head of the queue's service order is the next call an agent takes; a callback there
    // is dialled now, so the caller is on the line by the time the agent is free.
    private void CallBackIfDueLocked(AcdQueue queue)
    {
        if (queue.Waiting.Count == 0)
        {
            return;
        }

        var head = queue.Waiting.Min!;
        if (head.CallbackNumber is not { } number || head.CallbackHeld)
        {
            return;
        }

        head.CallbackHeld = true;
        _log.Information("Callback {CallbackId} reached the head of {Queue}: calling {Number} back",
            head.CallId, queue.Name, number);
        _outbox.AddLocked(new AcdEvent(
            AcdEventKind.CallbackDue, head.CallId, queue.Name, new AcdCallback(head.CallId, queue.Name, number)));
    }
}
