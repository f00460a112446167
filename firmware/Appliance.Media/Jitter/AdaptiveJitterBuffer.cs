using Appliance.Media.Audio;
using Appliance.Media.Codecs;
using Appliance.Media.Rtp;

namespace Appliance.Media.Jitter;

/// <summary>
/// Puts decoded RTP audio back in timestamp order and plays it out 160 samples per clock tick,
/// a little behind the newest packet so that packets arriving late or out of order still make
/// their slot. The delay adapts to the measured interarrival jitter (RFC 3550 §6.4.1): about
/// one frame plus four times the jitter, between <see cref="MinimumDelay"/> and
/// <see cref="MaximumDelay"/>. Only decoded legs (IVR, recording, mixing) need it; a relay that
/// forwards packets untouched does not.
/// </summary>
/// <remarks>
/// <para>Packets are placed by RTP timestamp in a ring of one second of 8 kHz samples, each
/// sample tagged with its own timestamp, so duplicates, reordering and any ptime (10, 20, 30 ms
/// or mixed) need no special case. A packet whose samples the playout already passed is late
/// and dropped; one already present is a duplicate.</para>
/// <para>The playout point is re-anchored on a new SSRC, on a timestamp jump larger than the
/// ring, and at the start of a talkspurt (marker bit, RFC 3551 §4.1) when the delay has drifted
/// from the target. Within a talkspurt a late packet holds the playout back one frame (the last
/// frame is repeated), and a buffer that holds four frames more than it should drops one, so a
/// far end whose clock runs fast cannot build up delay. A tick that finds nothing at or past
/// the playout point does not move it, so a far end whose clock runs slow is waited for.</para>
/// <para>A missing frame is concealed by repeating the last good one at half the level each
/// time, for up to three frames (60 ms), then silence.</para>
/// <para>Thread-safe: <see cref="Put"/> runs on a receive loop and <see cref="ReadFrame"/> on
/// the media clock; one lock guards the ring, held for one copy of at most one packet. Nothing
/// is allocated after construction.</para>
/// </remarks>
public sealed class AdaptiveJitterBuffer : IAudioSource
{
    /// <summary>Samples in one 20 ms playout frame at 8 kHz.</summary>
    public const int FrameSamples = 160;

    /// <summary>The least delay kept behind the newest packet.</summary>
    public static readonly TimeSpan MinimumDelay = TimeSpan.FromMilliseconds(20);

    /// <summary>The most delay kept; beyond it, late packets are lost rather than waited for.</summary>
    public static readonly TimeSpan MaximumDelay = TimeSpan.FromMilliseconds(300);

    private const int SampleRateHz = 8000;
    private const int RingSamples = 8192;
    private const int RingMask = RingSamples - 1;
    private const int ConcealFrames = 3;

    private volatile IVoiceCodec? _concealer;
    private const int InitialJitterSamples = 80;
    private const int ShrinkSlackFrames = 4;
    private const int MinimumDelaySamples = 160;
    private const int MaximumDelaySamples = 2400;

    private readonly object _lock = new();
    private readonly TimeProvider _time;
    private readonly short[] _samples = new short[RingSamples];
    private readonly uint[] _sampleTimestamps = new uint[RingSamples];
    private readonly bool[] _sampleValid = new bool[RingSamples];
    private readonly short[] _lastFrame = new short[FrameSamples];
    private readonly long _startTimestamp;

    private bool _started;
    private uint _ssrc;
    private uint _playout;
    private uint _newestEnd;
    private uint _streamStart;
    private int _concealed;
    private bool _haveTransit;
    private long _previousTransit;
    private double _jitterSamples;
    private long _received;
    private long _duplicates;
    private long _late;
    private long _lostFrames;
    private long _concealedFrames;
    private long _droppedFrames;
    private long _stretchedFrames;
    private bool _stretchPending;
    private long _underruns;
    private long _resets;

    /// <summary>Creates an empty buffer; arrival times come from <paramref name="time"/>.</summary>
    public AdaptiveJitterBuffer(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _startTimestamp = _time.GetTimestamp();
    }

    /// <summary>Packets accepted into the ring.</summary>
    public long Received => Read(ref _received);

    /// <summary>Packets dropped because their samples were already there.</summary>
    public long Duplicates => Read(ref _duplicates);

    /// <summary>Packets dropped because the playout had already passed their samples.</summary>
    public long Late => Read(ref _late);

    /// <summary>Frames played out with no sample received for them while later audio had come
    /// (concealed or silent).</summary>
    public long LostFrames => Read(ref _lostFrames);

    /// <summary>Frames filled by repeating the previous one.</summary>
    public long ConcealedFrames => Read(ref _concealedFrames);

    /// <summary>Frames skipped to shrink a buffer that grew past its target.</summary>
    public long DroppedFrames => Read(ref _droppedFrames);

    /// <summary>Ticks that found nothing at or past the playout point and waited for the far end
    /// (a slow sender, a pause in talk, the end of the call).</summary>
    public long Underruns => Read(ref _underruns);

    /// <summary>Frames of concealment inserted to grow the delay after a late packet.</summary>
    public long StretchedFrames => Read(ref _stretchedFrames);

    /// <summary>Times the playout point was re-anchored (new SSRC, jump, talkspurt).</summary>
    public long Resets => Read(ref _resets);

    /// <summary>The smoothed interarrival jitter (RFC 3550 §6.4.1) of the packets put.</summary>
    public TimeSpan Jitter
    {
        get
        {
            lock (_lock)
            {
                return TimeSpan.FromSeconds(_jitterSamples / SampleRateHz);
            }
        }
    }

    /// <summary>The delay the buffer aims to keep behind the newest packet now.</summary>
    public TimeSpan TargetDelay
    {
        get
        {
            lock (_lock)
            {
                return TimeSpan.FromSeconds((double)TargetDelaySamplesLocked() / SampleRateHz);
            }
        }
    }

    /// <summary>Audio held ahead of the playout point: newest sample received minus playout.</summary>
    public TimeSpan BufferedDelay
    {
        get
        {
            lock (_lock)
            {
                var held = _started ? Math.Max(0, (int)(_newestEnd - _playout)) : 0;
                return TimeSpan.FromSeconds((double)held / SampleRateHz);
            }
        }
    }

    /// <summary>
    /// The decoder of the stream when it conceals losses itself (Opus); null, or a codec without
    /// concealment, repeats the last frame at half level instead. Called under the buffer's lock
    /// on the reading thread.
    /// </summary>
    public IVoiceCodec? Concealer
    {
        get => _concealer;
        set => _concealer = value;
    }

    /// <summary>
    /// Places the decoded samples of one RTP packet, read at its arrival; returns false when
    /// the packet was dropped as a duplicate or late.
    /// </summary>
    /// <param name="header">The packet's header: SSRC, timestamp and marker are used.</param>
    /// <param name="samples">The payload decoded to 8 kHz linear samples.</param>
    /// <exception cref="ArgumentException">More samples than half the ring holds.</exception>
    public bool Put(in RtpHeader header, ReadOnlySpan<short> samples)
    {
        if (samples.Length > RingSamples / 2)
        {
            throw new ArgumentException(
                $"A packet of {samples.Length} samples does not fit a jitter buffer of {RingSamples}.",
                nameof(samples));
        }

        var arrival = ArrivalInSamples();
        lock (_lock)
        {
            return PutLocked(header, samples, arrival);
        }
    }

    /// <summary>
    /// Plays out the next 160 samples; false (and silence) before the first packet, and once
    /// a gap has outlasted the concealment.
    /// </summary>
    /// <exception cref="ArgumentException">The frame is not 160 samples.</exception>
    public bool ReadFrame(Span<short> frame)
    {
        if (frame.Length != FrameSamples)
        {
            throw new ArgumentException(
                $"A playout frame is {FrameSamples} samples, not {frame.Length}.",
                nameof(frame));
        }

        lock (_lock)
        {
            return ReadFrameLocked(frame);
        }
    }

    private bool PutLocked(in RtpHeader header, ReadOnlySpan<short> samples, long arrival)
    {
        var timestamp = header.Timestamp;
        var target = TargetDelaySamplesLocked();
        if (!_started || header.Ssrc != _ssrc || !WithinRing(timestamp))
        {
            // RFC 3550 §8.2: a new SSRC is a new source with its own timestamp origin.
            // Until the stream shows its jitter, assume 10 ms: 60 ms of delay to start with.
            _haveTransit = false;
            _jitterSamples = InitialJitterSamples;
            AnchorLocked(header.Ssrc, timestamp, TargetDelaySamplesLocked(), newStream: true);
        }
        else if (header.Marker && Math.Abs((int)(timestamp - _playout) - target) > FrameSamples)
        {
            // The silence before a talkspurt is the place to move the playout point unheard.
            AnchorLocked(header.Ssrc, timestamp, target, newStream: false);
        }

        NoteTransitLocked(timestamp, arrival);

        if (RtpPacket.IsLater(_playout, timestamp + (uint)samples.Length - 1))
        {
            // The next tick holds the playout back one frame, so the next late packet fits.
            _late++;
            _stretchPending = true;
            return false;
        }

        var first = timestamp & RingMask;
        if (_sampleValid[first] && _sampleTimestamps[first] == timestamp)
        {
            _duplicates++;
            return false;
        }

        for (var i = 0; i < samples.Length; i++)
        {
            var sampleTimestamp = timestamp + (uint)i;
            var index = sampleTimestamp & RingMask;
            _samples[index] = samples[i];
            _sampleTimestamps[index] = sampleTimestamp;
            _sampleValid[index] = true;
        }

        var end = timestamp + (uint)samples.Length;
        if (RtpPacket.IsLater(end, _newestEnd))
        {
            _newestEnd = end;
        }

        _received++;
        return true;
    }

    private bool ReadFrameLocked(Span<short> frame)
    {
        if (!_started)
        {
            frame.Clear();
            return false;
        }

        // A far end that runs fast fills the ring; dropping a frame keeps the delay bounded.
        var held = (int)(_newestEnd - _playout);
        if (held > TargetDelaySamplesLocked() + (ShrinkSlackFrames * FrameSamples))
        {
            InvalidateLocked(_playout, FrameSamples);
            _playout += FrameSamples;
            _droppedFrames++;
        }

        if (_stretchPending && held < TargetDelaySamplesLocked())
        {
            _stretchPending = false;
            _stretchedFrames++;
            _lastFrame.CopyTo(frame);
            return true;
        }

        _stretchPending = false;
        var present = 0;
        for (var i = 0; i < FrameSamples; i++)
        {
            var sampleTimestamp = _playout + (uint)i;
            var index = sampleTimestamp & RingMask;
            if (_sampleValid[index] && _sampleTimestamps[index] == sampleTimestamp)
            {
                frame[i] = _samples[index];
                _sampleValid[index] = false;
                present++;
            }
            else
            {
                frame[i] = 0;
            }
        }

        var frameEnd = _playout + FrameSamples;
        if (present > 0)
        {
            _playout = frameEnd;
            _concealed = 0;
            frame.CopyTo(_lastFrame);
            return true;
        }

        // Nothing at or past the playout point: the far end is slow, or has paused. Waiting for
        // it rather than moving on keeps its next packet from being late.
        if (!RtpPacket.IsLater(_newestEnd, _playout) && RtpPacket.IsLater(frameEnd, _streamStart))
        {
            _underruns++;
            return ConcealLocked(frame);
        }

        // Before the first packet of a stream is waiting; a hole with later audio is loss.
        _playout = frameEnd;
        if (RtpPacket.IsLater(frameEnd, _streamStart))
        {
            _lostFrames++;
        }

        return ConcealLocked(frame);
    }

    private bool ConcealLocked(Span<short> frame)
    {
        if (_concealed >= ConcealFrames)
        {
            return false;
        }

        _concealed++;
        _concealedFrames++;
        if (_concealer is { } concealer && concealer.Conceal(frame))
        {
            frame.CopyTo(_lastFrame);
            return true;
        }

        for (var i = 0; i < FrameSamples; i++)
        {
            _lastFrame[i] = (short)(_lastFrame[i] / 2);
        }

        _lastFrame.CopyTo(frame);
        return true;
    }

    // Samples of the old stream are dropped with it; a talkspurt keeps what is still queued.
    private void AnchorLocked(uint ssrc, uint timestamp, int delaySamples, bool newStream)
    {
        if (_started)
        {
            _resets++;
        }

        if (newStream)
        {
            Array.Clear(_sampleValid);
            _newestEnd = timestamp;
        }

        _started = true;
        _ssrc = ssrc;
        // Whole frames of delay keep 20 ms packets on frame boundaries, so none is split.
        var frames = (delaySamples + FrameSamples - 1) / FrameSamples;
        _playout = timestamp - (uint)(frames * FrameSamples);
        _streamStart = timestamp;
        if (!RtpPacket.IsLater(_newestEnd, timestamp))
        {
            _newestEnd = timestamp;
        }

        _concealed = ConcealFrames;
    }

    // RFC 3550 §6.4.1 and A.8: J += (|D| - J) / 16, D the change in transit time.
    private void NoteTransitLocked(uint timestamp, long arrival)
    {
        var transit = arrival - timestamp;
        if (_haveTransit)
        {
            var difference = Math.Abs(transit - _previousTransit);

            // A difference of seconds is a clock or stream step, not jitter.
            if (difference < SampleRateHz)
            {
                _jitterSamples += (difference - _jitterSamples) / 16;
            }
        }

        _previousTransit = transit;
        _haveTransit = true;
    }

    private int TargetDelaySamplesLocked()
    {
        var target = FrameSamples + (int)(4 * _jitterSamples);
        return Math.Clamp(target, MinimumDelaySamples, MaximumDelaySamples);
    }

    private bool WithinRing(uint timestamp)
    {
        var ahead = (int)(timestamp - _playout);
        return ahead > -(RingSamples / 2) && ahead < RingSamples / 2;
    }

    private void InvalidateLocked(uint from, int count)
    {
        for (var i = 0; i < count; i++)
        {
            _sampleValid[(from + (uint)i) & RingMask] = false;
        }
    }

    // The arrival time in RTP units at 8 kHz; only differences matter, so the origin is ours.
    private long ArrivalInSamples()
    {
        var elapsed = _time.GetElapsedTime(_startTimestamp);
        return (long)(elapsed.Ticks * (SampleRateHz / (double)TimeSpan.TicksPerSecond));
    }

    private long Read(ref long counter)
    {
        lock (_lock)
        {
            return counter;
        }
    }
}
