using System.Net;
using Serilog;

namespace Appliance.Sip.Transport;

/// <summary>
/// Rate limit for a warning a hostile or broken peer can cause once per packet (a malformed
/// datagram, an INVITE from an address that is no trunk): per peer IP, the first one in a minute
/// is logged in full by the caller, the rest that minute are counted and handed to the summary
/// (one Warning) when that peer's next minute starts, or by a timer when the peer falls quiet. The
/// peer table is bounded; when it is full the peer quiet longest is summarised and forgotten.
/// Thread safe.
/// </summary>
public sealed class PeerWarningThrottle : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    public const int DefaultCapacity = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<IPAddress, Peer> _peers = [];
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly int _capacity;
    private readonly ITimer _flush;
    private readonly Action<ILogger, int, IPAddress> _summary;

    /// <param name="log">Where the summaries go.</param>
    /// <param name="time">The clock of the minute windows.</param>
    /// <param name="summary">Writes one summary: how many warnings were held back from the address.</param>
    /// <param name="capacity">The most peers tracked at once.</param>
    public PeerWarningThrottle(
        ILogger log,
        TimeProvider time,
        Action<ILogger, int, IPAddress> summary,
        int capacity = DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(time);
        _log = log;
        _summary = summary;
        _time = time;
        _capacity = capacity;
        _flush = time.CreateTimer(_ => Flush(), null, Interval, Interval);
    }

    /// <summary>Peers whose minute is open.</summary>
    public int PeerCount
    {
        get
        {
            lock (_gate)
            {
                return _peers.Count;
            }
        }
    }

    /// <summary>True when this warning should be written; false when it was counted.</summary>
    public bool ShouldLog(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var now = _time.GetUtcNow();
        List<(IPAddress, int)>? summaries = null;
        lock (_gate)
        {
            if (_peers.TryGetValue(address, out var peer))
            {
                if (now - peer.WindowStart < Interval)
                {
                    peer.Suppressed++;
                    return false;
                }

                AddSummary(ref summaries, address, peer);
                peer.WindowStart = now;
                peer.Suppressed = 0;
            }
            else
            {
                if (_peers.Count >= _capacity)
                {
                    MakeRoomLocked(now, ref summaries);
                }

                _peers[address] = new Peer { WindowStart = now };
            }
        }

        Write(summaries);
        return true;
    }

    /// <summary>Summarises and forgets every peer whose minute has ended.</summary>
    public void Flush()
    {
        var now = _time.GetUtcNow();
        List<(IPAddress, int)>? summaries = null;
        lock (_gate)
        {
            foreach (var (address, peer) in _peers)
            {
                if (now - peer.WindowStart >= Interval)
                {
                    AddSummary(ref summaries, address, peer);
                    _peers.Remove(address);
                }
            }
        }

        Write(summaries);
    }

    /// <inheritdoc />
    public void Dispose() => _flush.Dispose();

    private void MakeRoomLocked(DateTimeOffset now, ref List<(IPAddress, int)>? summaries)
    {
        IPAddress? oldest = null;
        var oldestStart = DateTimeOffset.MaxValue;
        foreach (var (address, peer) in _peers)
        {
            if (now - peer.WindowStart >= Interval)
            {
                AddSummary(ref summaries, address, peer);
                _peers.Remove(address);
            }
            else if (peer.WindowStart < oldestStart)
            {
                oldest = address;
                oldestStart = peer.WindowStart;
            }
        }

        if (_peers.Count >= _capacity && oldest is not null)
        {
            AddSummary(ref summaries, oldest, _peers[oldest]);
            _peers.Remove(oldest);
        }
    }

    private static void AddSummary(ref List<(IPAddress, int)>? summaries, IPAddress address, Peer peer)
    {
        if (peer.Suppressed > 0)
        {
            (summaries ??= []).Add((address, peer.Suppressed));
        }
    }

    private void Write(List<(IPAddress Address, int Count)>? summaries)
    {
        foreach (var (address, count) in summaries ?? [])
        {
            _summary(_log, count, address);
        }
    }

    private sealed class Peer
    {
        public DateTimeOffset WindowStart { get; set; }

        public int Suppressed { get; set; }
    }
}
