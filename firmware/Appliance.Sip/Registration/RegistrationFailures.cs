using System.Net;

namespace Appliance.Sip.Registration;

/// <summary>
/// Counts failed authentications per source address in a sliding window and bans an address
/// that reaches the limit. The caller holds the registrar's lock.
/// </summary>
internal sealed class RegistrationFailures(RegistrarOptions options)
{
    private readonly Dictionary<IPAddress, Queue<DateTimeOffset>> _failures = [];
    private readonly Dictionary<IPAddress, DateTimeOffset> _bannedUntil = [];

    public bool IsBannedLocked(IPAddress address, DateTimeOffset now)
    {
        if (!_bannedUntil.TryGetValue(address, out var until))
        {
            return false;
        }

        if (now < until)
        {
            return true;
        }

        _bannedUntil.Remove(address);
        return false;
    }

    /// <summary>Records a failure; true when this one started a ban.</summary>
    public bool RecordLocked(IPAddress address, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(address, out var times))
        {
            times = new Queue<DateTimeOffset>();
            _failures[address] = times;
        }

        times.Enqueue(now);
        while (times.Count > 0 && now - times.Peek() > options.FailureWindow)
        {
            times.Dequeue();
        }

        if (times.Count < options.FailureLimit)
        {
            return false;
        }

        _failures.Remove(address);
        _bannedUntil[address] = now + options.BanDuration;
        return true;
    }

    /// <summary>Forgets addresses with no recent failure, so the table cannot grow without bound.</summary>
    public void PruneLocked(DateTimeOffset now)
    {
        List<IPAddress>? stale = null;
        foreach (var (address, times) in _failures)
        {
            while (times.Count > 0 && now - times.Peek() > options.FailureWindow)
            {
                times.Dequeue();
            }

            if (times.Count == 0)
            {
                (stale ??= []).Add(address);
            }
        }

        foreach (var address in stale ?? [])
        {
            _failures.Remove(address);
        }
    }
}
