namespace Appliance.Media.Rtcp;

/// <summary>
/// What a receiver knows about one RTP source, kept as RFC 3550 Appendix A describes: the
/// extended highest sequence number with its wrap count (A.1), the packets expected and lost
/// (A.3) and the interarrival jitter (§6.4.1, A.8). A new SSRC starts the figures afresh,
/// keeping the loss already counted for the call.
/// </summary>
/// <remarks>
/// Thread-safe: <see cref="Note"/> runs on the receive loop, the readers on any thread; one
/// lock, held for a few arithmetic steps. Allocation-free.
/// </remarks>
public sealed class ReceptionStatistics
{
    // RFC 3550 A.1: a jump of more than this many sequence numbers is a restart, not loss.
    private const int MaxDropout = 3000;
    private const int MaxMisorder = 100;
    private const int SequenceModulus = 1 << 16;

    private readonly object _lock = new();
    private readonly int _clockRateHz;
    private readonly TimeProvider _time;
    private readonly long _origin;
    private bool _started;
    private uint _ssrc;
    private ushort _maxSequence;
    private uint _cycles;
    private uint _baseSequence;
    private long _received;
    private long _expectedPrior;
    private long _receivedPrior;
    private long _lostEarlierSources;
    private long _expectedEarlierSources;
    private double _jitter;
    private long _previousTransit;
    private bool _haveTransit;
    private long _lastArrival;

    /// <summary>Creates empty statistics for a codec clock of <paramref name="clockRateHz"/>.</summary>
    public ReceptionStatistics(int clockRateHz = 8000, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clockRateHz);
        _clockRateHz = clockRateHz;
        _time = time ?? TimeProvider.System;
        _origin = _time.GetTimestamp();
    }

    /// <summary>The SSRC of the source last heard; 0 before any packet.</summary>
    public uint Ssrc
    {
        get
        {
            lock (_lock)
            {
                return _ssrc;
            }
        }
    }

    /// <summary>When the last packet came, as a <see cref="TimeProvider"/> timestamp; 0 before any.</summary>
    public long LastArrivalTimestamp
    {
        get
        {
            lock (_lock)
            {
                return _lastArrival;
            }
        }
    }

    /// <summary>Notes one RTP packet of the source at its arrival.</summary>
    public void Note(uint ssrc, ushort sequence, uint timestamp)
    {
        var now = _time.GetTimestamp();
        var arrival = (long)(_time.GetElapsedTime(_origin, now).TotalSeconds * _clockRateHz);
        lock (_lock)
        {
            _lastArrival = now;
            if (!_started || ssrc != _ssrc)
            {
                StartSourceLocked(ssrc, sequence);
            }
            else if (!UpdateSequenceLocked(sequence))
            {
                return;
            }

            _received++;
            NoteTransitLocked(timestamp, arrival);
        }
    }

    /// <summary>
    /// The figures of an RTCP report block (RFC 3550 §6.4.1) since the previous call, which
    /// moves the interval on: call it once per report sent.
    /// </summary>
    public ReceptionReport TakeReport()
    {
        lock (_lock)
        {
            var expected = ExpectedLocked();
            var lost = expected - _received;

            // RFC 3550 A.3: the fraction is of the interval, the cumulative count of the source.
            var expectedInterval = expected - _expectedPrior;
            var lostInterval = expectedInterval - (_received - _receivedPrior);
            _expectedPrior = expected;
            _receivedPrior = _received;
            var fraction = expectedInterval <= 0 || lostInterval <= 0
                ? (byte)0
                : (byte)Math.Min(255, (lostInterval << 8) / expectedInterval);
            return new ReceptionReport(
                _ssrc,
                fraction,
                (int)Math.Clamp(lost, -0x800000, 0x7FFFFF),
                _cycles + _maxSequence,
                (uint)_jitter);
        }
    }

    /// <summary>The loss over the whole call, 0 to 100, and the jitter now.</summary>
    public (double LossPercent, TimeSpan Jitter, long Expected) Summary()
    {
        lock (_lock)
        {
            var expected = _expectedEarlierSources + (_started ? ExpectedLocked() : 0);
            var lost = _lostEarlierSources + (_started ? ExpectedLocked() - _received : 0);
            var percent = expected <= 0 ? 0 : Math.Clamp(100.0 * lost / expected, 0, 100);
            return (percent, TimeSpan.FromSeconds(_jitter / _clockRateHz), expected);
        }
    }

    private void StartSourceLocked(uint ssrc, ushort sequence)
    {
        if (_started)
        {
            _expectedEarlierSources += ExpectedLocked();
            _lostEarlierSources += Math.Max(0, ExpectedLocked() - _received);
        }

        _started = true;
        _ssrc = ssrc;
        _baseSequence = sequence;
        _maxSequence = sequence;
        _cycles = 0;
        _received = 0;
        _expectedPrior = 0;
        _receivedPrior = 0;
        _haveTransit = false;
        _jitter = 0;
    }

    // RFC 3550 A.1, without the probation of new sources: the SSRC is already known from SDP.
    private bool UpdateSequenceLocked(ushort sequence)
    {
        var delta = (ushort)(sequence - _maxSequence);
        if (delta < MaxDropout)
        {
            if (sequence < _maxSequence)
            {
                _cycles += SequenceModulus;
            }

            _maxSequence = sequence;
            return true;
        }

        if (delta <= SequenceModulus - MaxMisorder)
        {
            // A very large jump: the sender restarted; count from here.
            _baseSequence = sequence;
            _maxSequence = sequence;
            _cycles = 0;
            _received = 0;
            _expectedPrior = 0;
            _receivedPrior = 0;
            return true;
        }

        // A duplicate or a packet reordered from just before: received, not new.
        return true;
    }

    // RFC 3550 A.8: D(i-1,i) = (Rj - Sj) - (Ri - Si); J += (|D| - J) / 16.
    private void NoteTransitLocked(uint timestamp, long arrival)
    {
        var transit = arrival - timestamp;
        if (_haveTransit)
        {
            var d = Math.Abs(transit - _previousTransit);
            if (d < _clockRateHz * 10L)
            {
                _jitter += (d - _jitter) / 16.0;
            }
        }

        _previousTransit = transit;
        _haveTransit = true;
    }

    private long ExpectedLocked() => (long)(_cycles + _maxSequence) - _baseSequence + 1;
}
