using System.Net;
using Appliance.CallCenter.Routing;
using Appliance.Telephony.Callbacks;
using Appliance.Telephony.Calls;

namespace Appliance.Telephony.Signalling;

/// <summary>Callbacks: stored ones put back in line at start, due ones dialled.</summary>
public sealed partial class Switchboard
{
    /// <summary>
    /// Puts every stored callback that is neither connected nor given up back in its queue, in
    /// the order they were asked for. Call once, after <see cref="Attach"/>.
    /// </summary>
    /// <returns>How many callbacks were put back.</returns>
    public int RestoreCallbacks()
    {
        if (_services.Callbacks is not { } store)
        {
            return 0;
        }

        IReadOnlyList<CallbackRequest> pending;
        try
        {
            pending = store.Pending();
        }
        catch (InvalidDataException ex)
        {
            // A damaged row must not stop the box taking calls; the callbacks wait in the table.
            _log.Error(ex, "Stored callbacks could not be read; none was put back in line");
            return 0;
        }

        var restored = 0;
        foreach (var callback in pending)
        {
            if (_services.Acd.RestoreCallback(callback.Id, callback.Queue, callback.Number, callback.Requirements))
            {
                restored++;
                continue;
            }

            _log.Warning("Callback {CallbackId} waits for queue {Queue}, which this box no longer has; given up",
                callback.Id, callback.Queue);
            store.AttemptEnded(callback.Id, "given-up", done: true);
        }

        return restored;
    }

    // Runs on the thread that drained the ACD's outbox: it only starts the call's own work.
    private void CallBack(AcdCallback due)
    {
        var store = _services.Callbacks;
        var callback = store?.Find(due.CallbackId);
        if (store is null || callback is null)
        {
            _log.Warning("Callback {CallbackId} is due but not stored; it leaves queue {Queue}", due.CallbackId, due.Queue);
            _services.Acd.CancelCallback(due.CallbackId);
            return;
        }

        var routes = _services.CallbackOptions.Trunk;
        if (routes.Count == 0 && IPEndPoint.TryParse(callback.Route ?? string.Empty, out var inbound))
        {
            routes = [inbound];
        }

        if (routes.Count == 0)
        {
            _log.Warning("Callback {CallbackId} has no trunk to call back through; given up", callback.Id);
            store.AttemptEnded(callback.Id, "given-up", done: true);
            _services.Acd.CancelCallback(callback.Id);
            return;
        }

        var attempt = store.AttemptStarted(callback.Id, _services.Time.GetUtcNow());
        var call = new Call(_services, _calls, callback with { Attempts = attempt }, routes);
        if (!_calls.TryAddCall(call))
        {
            return;
        }

        _log.Information("Callback {CallbackId} attempt {Attempt} to {Number} starts as call {CallId}",
            callback.Id, attempt, callback.Number, call.CallId);
        call.StartCallback();
    }
}
