namespace Appliance.Media.Srtp;

/// <summary>
/// The replay list of RFC 3711 §3.3.2 as a sliding bit mask over the last 128 packet indices:
/// an index is fresh when it is newer than the highest seen, or inside the window and not yet
/// marked. Marking happens only after the packet authenticated, so a forged packet cannot
/// block the real one.
/// </summary>
/// <remarks>Not thread-safe; one receive loop owns it.</remarks>
internal struct SrtpReplayWindow
{
    /// <summary>How far behind the newest index a packet may still arrive.</summary>
    public const int Size = 128;

    private UInt128 _mask;
    private ulong _highest;
    private bool _started;

    public readonly bool IsFresh(ulong index)
    {
        if (!_started || index > _highest)
        {
            return true;
        }

        var behind = _highest - index;
        return behind < Size && (_mask & (UInt128.One << (int)behind)) == UInt128.Zero;
    }

    public void Mark(ulong index)
    {
        if (!_started)
        {
            _started = true;
            _highest = index;
            _mask = UInt128.One;
            return;
        }

        if (index > _highest)
        {
            var ahead = index - _highest;
            _mask = ahead >= Size ? UInt128.Zero : _mask << (int)ahead;
            _mask |= UInt128.One;
            _highest = index;
            return;
        }

        _mask |= UInt128.One << (int)(_highest - index);
    }
}
