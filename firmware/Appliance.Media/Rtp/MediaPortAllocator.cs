namespace Appliance.Media.Rtp;

/// <summary>
/// Hands out RTP ports from a configured range. RTP ports are even and the odd port above each
/// is kept free for its RTCP (RFC 3550 §11), so a range of N ports serves N/2 streams. Ports are
/// handed out round-robin so a port just released is not reused at once, which keeps late
/// packets of an old call out of a new one. Thread-safe.
/// </summary>
public sealed class MediaPortAllocator
{
    private readonly object _lock = new();
    private readonly bool[] _inUse;
    private readonly int _firstPort;
    private int _next;

    /// <summary>Creates an allocator over the even ports of [minPort, maxPort].</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The range is outside 1024-65535 or holds no even port with its odd neighbour.
    /// </exception>
    public MediaPortAllocator(int minPort, int maxPort)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minPort, 1024);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxPort, 65535);
        _firstPort = minPort + (minPort & 1);
        var count = (maxPort - _firstPort + 1) / 2;
        if (count <= 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(maxPort),
                $"The RTP port range {minPort}-{maxPort} holds no even port with its RTCP port above it.");
        }

        _inUse = new bool[count];
        MinPort = minPort;
        MaxPort = maxPort;
    }

    public int MinPort { get; }

    public int MaxPort { get; }

    /// <summary>How many RTP ports (each with its RTCP port) the range holds.</summary>
    public int Capacity => _inUse.Length;

    /// <summary>How many ports are handed out now.</summary>
    public int InUse
    {
        get
        {
            lock (_lock)
            {
                return _inUse.Count(used => used);
            }
        }
    }

    /// <summary>Takes the next free even port; false when every port of the range is in use.</summary>
    public bool TryAllocate(out int port)
    {
        lock (_lock)
        {
            for (var tried = 0; tried < _inUse.Length; tried++)
            {
                var slot = _next;
                _next = (_next + 1) % _inUse.Length;
                if (!_inUse[slot])
                {
                    _inUse[slot] = true;
                    port = _firstPort + (2 * slot);
                    return true;
                }
            }
        }

        port = 0;
        return false;
    }

    /// <summary>Returns a port taken by <see cref="TryAllocate"/>; releasing a free port does
    /// nothing.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The port is not an RTP port of this range.</exception>
    public void Release(int port)
    {
        var slot = (port - _firstPort) / 2;
        if (port < _firstPort || (port - _firstPort) % 2 != 0 || slot >= _inUse.Length)
        {
            throw new ArgumentOutOfRangeException(
                nameof(port),
                $"Port {port} is not an RTP port of the range {MinPort}-{MaxPort}.");
        }

        lock (_lock)
        {
            _inUse[slot] = false;
        }
    }
}
