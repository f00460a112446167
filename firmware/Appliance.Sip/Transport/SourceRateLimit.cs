using System.Net;

namespace Appliance.Sip.Transport;

/// <summary>
/// A token bucket per source IP address for received datagrams, checked before anything is
/// parsed, so a flood from one host costs a dictionary lookup per datagram and cannot keep the
/// receive loop (and the socket buffer behind it) full of its own traffic while others wait.
/// The table is bounded: when full, buckets refilled to the brim (quiet peers) are forgotten.
/// Not thread safe: the caller serialises calls.
/// </summary>
internal sealed class SourceRateLimit(TimeProvider time, int perSecond, int capacity = SourceRateLimit.DefaultCapacity)
{
    public const int DefaultCapacity = 10_000;

    private static readonly TimeSpan s_warnInterval = TimeSpan.FromMinutes(1);

    private readonly Dictionary<IPAddress, Bucket> _buckets = [];

    /// <summary>
    /// Takes one token for <paramref name="source"/>; false when its bucket is empty.
    /// <paramref name="warn"/> is true for the first refusal of a peer in a minute, with the
    /// count refused since the last warning.
    /// </summary>
    public bool TryTake(IPAddress source, out bool warn, out long refusedSinceWarning)
    {
        warn = false;
        refusedSinceWarning = 0;
        var now = time.GetTimestamp();
        if (!_buckets.TryGetValue(source, out var bucket))
        {
            if (_buckets.Count >= capacity)
            {
                ForgetFull(now);
            }

            bucket = new Bucket { Tokens = perSecond, Stamp = now, LastWarning = long.MinValue };
            _buckets[source] = bucket;
        }

        var elapsed = time.GetElapsedTime(bucket.Stamp, now).TotalSeconds;
        bucket.Tokens = Math.Min(perSecond, bucket.Tokens + (elapsed * perSecond));
        bucket.Stamp = now;
        if (bucket.Tokens >= 1)
        {
            bucket.Tokens--;
            return true;
        }

        bucket.Refused++;
        if (bucket.LastWarning == long.MinValue || time.GetElapsedTime(bucket.LastWarning, now) >= s_warnInterval)
        {
            warn = true;
            refusedSinceWarning = bucket.Refused;
            bucket.Refused = 0;
            bucket.LastWarning = now;
        }

        return false;
    }

    private void ForgetFull(long now)
    {
        var quiet = _buckets
            .Where(pair => time.GetElapsedTime(pair.Value.Stamp, now).TotalSeconds * perSecond + pair.Value.Tokens
                >= perSecond)
            .Select(pair => pair.Key)
            .ToList();
        foreach (var address in quiet)
        {
            _buckets.Remove(address);
        }

        // Everyone is busy: start again rather than grow; the worst a flooder gains is one burst.
        if (_buckets.Count >= capacity)
        {
            _buckets.Clear();
        }
    }

    private sealed class Bucket
    {
        public double Tokens { get; set; }

        public long Stamp { get; set; }

        public long LastWarning { get; set; }

        public long Refused { get; set; }
    }
}
