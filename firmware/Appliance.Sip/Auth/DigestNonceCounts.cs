namespace Appliance.Sip.Auth;

/// <summary>
/// The highest nonce count seen on each live nonce, so a captured Authorization cannot be
/// replayed (RFC 2617 §3.2.2, RFC 7616 §3.4: the server detects a repeated nc). Bounded: an
/// entry is dropped when its nonce's life ends, and on overflow the oldest nonce is dropped and
/// every nonce issued no later than it is refused from then on, so overflow fails safe (the UA
/// is challenged again) instead of opening a replay window. Thread safe.
/// </summary>
internal sealed class DigestNonceCounts(int capacity)
{
    /// <summary>Default bound on tracked nonces.</summary>
    public const int DefaultCapacity = 100_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, uint> _highest = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, DateTimeOffset> _byEnd = new();
    private DateTimeOffset _forgottenThrough = DateTimeOffset.MinValue;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _highest.Count;
            }
        }
    }

    /// <summary>
    /// True, and <paramref name="count"/> recorded, when it is above every count seen on the
    /// nonce; false for a replay or a nonce whose entry was dropped for room.
    /// </summary>
    /// <param name="nonce">The nonce as the UA sent it, already verified as ours.</param>
    /// <param name="count">The nc value of the request.</param>
    /// <param name="nonceEnds">When the nonce stops being accepted; its entry lives that long.</param>
    /// <param name="now">The current time, to drop entries of ended nonces.</param>
    public bool TryAdvance(string nonce, uint count, DateTimeOffset nonceEnds, DateTimeOffset now)
    {
        lock (_gate)
        {
            DropEndedLocked(now);
            if (_highest.TryGetValue(nonce, out var last))
            {
                if (count <= last)
                {
                    return false;
                }

                _highest[nonce] = count;
                return true;
            }

            if (nonceEnds <= _forgottenThrough)
            {
                return false;
            }

            if (_highest.Count >= capacity && _byEnd.TryDequeue(out var oldest, out var oldestEnds))
            {
                _highest.Remove(oldest);
                _forgottenThrough = oldestEnds > _forgottenThrough ? oldestEnds : _forgottenThrough;
                if (nonceEnds <= _forgottenThrough)
                {
                    return false;
                }
            }

            _highest[nonce] = count;
            _byEnd.Enqueue(nonce, nonceEnds);
            return true;
        }
    }

    private void DropEndedLocked(DateTimeOffset now)
    {
        // A nonce is still accepted at the very instant its life ends, so drop only after it.
        while (_byEnd.TryPeek(out var nonce, out var ends) && ends < now)
        {
            _byEnd.Dequeue();
            _highest.Remove(nonce);
        }
    }
}
