namespace Appliance.Drivers.Gsm.Pdu;

/// <summary>
/// Puts concatenated messages back together (3GPP TS 23.040 §9.2.3.24.1): parts are kept by
/// sender, reference and count until the last one comes, in any order. A message whose parts do
/// not all come within <see cref="Timeout"/> of its first is handed on anyway, marked incomplete,
/// so nothing received is lost. Messages come out through the callback given to the constructor,
/// from <see cref="Add"/> or from the timer; thread safe.
/// </summary>
public sealed class SmsReassembly : IDisposable
{
    private readonly TimeProvider _time;
    private readonly Action<ReceivedSms> _deliver;
    private readonly object _gate = new();
    private readonly Dictionary<(string Originator, int Reference, int Count), Pending> _pending = [];
    private readonly ITimer _timer;

    /// <param name="timeout">How long the parts of one message may take to come.</param>
    /// <param name="time">The clock.</param>
    /// <param name="deliver">Called once for each message, whole or not; must not block.</param>
    public SmsReassembly(TimeSpan timeout, TimeProvider time, Action<ReceivedSms> deliver)
    {
        Timeout = timeout;
        _time = time;
        _deliver = deliver;
        _timer = time.CreateTimer(_ => Expire(), null, System.Threading.Timeout.InfiniteTimeSpan,
            System.Threading.Timeout.InfiniteTimeSpan);
    }

    public TimeSpan Timeout { get; }

    /// <summary>Messages waiting for a part.</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Takes one received message or part; a message in one part comes out at once, a
    /// part again (the network may repeat one) is dropped.</summary>
    public void Add(SmsDeliver message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Part is not { Count: > 1 } part)
        {
            _deliver(new ReceivedSms(
                message.Originator, message.Text, message.ServiceCentreTimeText, Complete: true));
            return;
        }

        ReceivedSms? whole = null;
        lock (_gate)
        {
            var key = (message.Originator, part.Reference, part.Count);
            if (!_pending.TryGetValue(key, out var pending))
            {
                pending = new Pending(new SmsDeliver?[part.Count], _time.GetUtcNow() + Timeout);
                _pending[key] = pending;
                ArmLocked();
            }

            pending.Parts[part.Sequence - 1] ??= message;
            if (pending.Parts.All(p => p is not null))
            {
                _pending.Remove(key);
                whole = Join(pending, complete: true);
            }
        }

        if (whole is not null)
        {
            _deliver(whole);
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Expire()
    {
        var expired = new List<ReceivedSms>();
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            foreach (var (key, pending) in _pending.Where(p => p.Value.Deadline <= now).ToList())
            {
                _pending.Remove(key);
                expired.Add(Join(pending, complete: false));
            }

            ArmLocked();
        }

        foreach (var message in expired)
        {
            _deliver(message);
        }
    }

    /// <summary>The timer fires at the earliest deadline of the messages still waiting.</summary>
    private void ArmLocked()
    {
        if (_pending.Count == 0)
        {
            _timer.Change(System.Threading.Timeout.InfiniteTimeSpan, System.Threading.Timeout.InfiniteTimeSpan);
            return;
        }

        var due = _pending.Values.Min(p => p.Deadline) - _time.GetUtcNow();
        _timer.Change(due < TimeSpan.Zero ? TimeSpan.Zero : due, System.Threading.Timeout.InfiniteTimeSpan);
    }

    private static ReceivedSms Join(Pending pending, bool complete)
    {
        var parts = pending.Parts.OfType<SmsDeliver>().ToList();
        return new ReceivedSms(
            parts[0].Originator,
            string.Concat(parts.Select(p => p.Text)),
            parts[0].ServiceCentreTimeText,
            complete);
    }

    private sealed record Pending(SmsDeliver?[] Parts, DateTimeOffset Deadline);
}
