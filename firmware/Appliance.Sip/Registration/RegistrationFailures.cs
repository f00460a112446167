using System.Net;

namespace Appliance.Sip.Registration;

/// <summary>
/// Counts failed authentications in a sliding window per (source address, user) and per source
/// address, and bans a pair or an address that reaches its limit. Tables are pruned once per
/// window, so an idle entry lives at most two windows (a ban, its duration). The caller holds
/// the registrar's lock.
/// </summary>
internal sealed class RegistrationFailures(RegistrarOptions options)
{
    private readonly Dictionary<(IPAddress Address, string User), Queue<DateTimeOffset>> _userFailures = [];
    private readonly Dictionary<IPAddress, Queue<DateTimeOffset>> _addressFailures = [];
    private readonly Dictionary<(IPAddress Address, string User), DateTimeOffset> _userBans = [];
    private readonly Dictionary<IPAddress, DateTimeOffset> _addressBans = [];
    private DateTimeOffset _lastPrune = DateTimeOffset.MinValue;

    public bool IsAddressBannedLocked(IPAddress address, DateTimeOffset now) =>
        IsBanned(_addressBans, address, now);

    public bool IsUserBannedLocked(IPAddress address, string user, DateTimeOffset now) =>
        IsBanned(_userBans, (address, user), now);

    /// <summary>Records a failure; says which ban, if any, this one started.</summary>
    public RegistrationBan RecordLocked(IPAddress address, string user, DateTimeOffset now)
    {
        PruneLocked(now);
        var userCount = Count(_userFailures, (address, user), now);
        var addressCount = Count(_addressFailures, address, now);
        if (addressCount >= options.AddressFailureLimit)
        {
            _addressFailures.Remove(address);
            _addressBans[address] = now + options.BanDuration;
            return RegistrationBan.Address;
        }

        if (userCount >= options.FailureLimit)
        {
            _userFailures.Remove((address, user));
            _userBans[(address, user)] = now + options.BanDuration;
            return RegistrationBan.User;
        }

        return RegistrationBan.None;
    }

    private int Count<TKey>(Dictionary<TKey, Queue<DateTimeOffset>> table, TKey key, DateTimeOffset now)
        where TKey : notnull
    {
        if (!table.TryGetValue(key, out var times))
        {
            times = new Queue<DateTimeOffset>();
            table[key] = times;
        }

        times.Enqueue(now);
        Trim(times, now);
        return times.Count;
    }

    /// <summary>Forgets quiet entries and ended bans, so the tables cannot grow without bound.</summary>
    private void PruneLocked(DateTimeOffset now)
    {
        if (now - _lastPrune < options.FailureWindow)
        {
            return;
        }

        _lastPrune = now;
        Prune(_userFailures, now);
        Prune(_addressFailures, now);
        RemoveWhere(_userBans, until => until <= now);
        RemoveWhere(_addressBans, until => until <= now);
    }

    private void Prune<TKey>(Dictionary<TKey, Queue<DateTimeOffset>> table, DateTimeOffset now)
        where TKey : notnull
    {
        foreach (var times in table.Values)
        {
            Trim(times, now);
        }

        RemoveWhere(table, times => times.Count == 0);
    }

    private void Trim(Queue<DateTimeOffset> times, DateTimeOffset now)
    {
        while (times.Count > 0 && now - times.Peek() > options.FailureWindow)
        {
            times.Dequeue();
        }
    }

    private static bool IsBanned<TKey>(Dictionary<TKey, DateTimeOffset> bans, TKey key, DateTimeOffset now)
        where TKey : notnull
    {
        if (!bans.TryGetValue(key, out var until))
        {
            return false;
        }

        if (now < until)
        {
            return true;
        }

        bans.Remove(key);
        return false;
    }

    private static void RemoveWhere<TKey, TValue>(Dictionary<TKey, TValue> table, Func<TValue, bool> drop)
        where TKey : notnull
    {
        foreach (var (key, value) in table)
        {
            if (drop(value))
            {
                table.Remove(key);
            }
        }
    }
}
