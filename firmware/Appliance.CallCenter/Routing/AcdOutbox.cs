using Serilog;

namespace Appliance.CallCenter.Routing;

/// <summary>
/// The distributor's outbox: events are added while the distributor's lock is held and raised
/// by <see cref="Publish"/> after it has been released.
/// </summary>
/// <remarks>
/// Only one thread raises at a time. A thread that finds another one raising (or a handler
/// that called back into the distributor on the raising thread) leaves its events to that
/// thread and returns, so events are raised in the order they were added, whatever the number
/// of threads, and a nested call never recurses into the handlers.
/// </remarks>
internal sealed class AcdOutbox
{
    private readonly Lock _gate;
    private readonly Action<AcdEvent> _raise;
    private readonly ILogger _log;
    private readonly Queue<AcdEvent> _events = new();
    private bool _publishing;

    /// <param name="gate">The distributor's lock; <see cref="AddLocked"/> requires it held.</param>
    /// <param name="raise">Invokes the handlers of one event.</param>
    /// <param name="log">Where a failing handler is reported.</param>
    public AcdOutbox(Lock gate, Action<AcdEvent> raise, ILogger log)
    {
        _gate = gate;
        _raise = raise;
        _log = log;
    }

    public void AddLocked(AcdEvent e) => _events.Enqueue(e);

    /// <summary>Raises every pending event. The caller must not hold the lock.</summary>
    public void Publish()
    {
        lock (_gate)
        {
            if (_publishing || _events.Count == 0)
            {
                return;
            }

            _publishing = true;
        }

        while (true)
        {
            AcdEvent next;
            lock (_gate)
            {
                if (!_events.TryDequeue(out next))
                {
                    _publishing = false;
                    return;
                }
            }

            RaiseOne(next);
        }
    }

    private void RaiseOne(AcdEvent e)
    {
        try
        {
            _raise(e);
        }
        catch (Exception ex)
        {
            // One failing subscriber must not hold back the events after it or fail the caller.
            _log.Error(ex, "ACD {EventKind} handler failed for call {CallId} from {Queue}",
                e.Kind, e.CallId, e.Queue);
        }
    }
}
