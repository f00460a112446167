using Appliance.Media.Audio;

namespace Appliance.Media.Engine;

/// <summary>
/// A small ring of 20 ms frames between two threads: an RTP receive loop writes, the media
/// clock reads. When full, the oldest frame is dropped (the far end runs fast or a burst
/// arrived); when empty, a read reports no audio (it runs slow or packets were lost).
/// </summary>
/// <remarks>
/// Thread-safe: one lock guards the ring; it is held only to copy one frame (160 samples),
/// so neither thread waits long. The storage is allocated once.
/// </remarks>
internal sealed class FrameFifo : IAudioSink, IAudioSource
{
    private readonly object _lock = new();
    private readonly short[] _frames;
    private readonly int _capacity;
    private int _head;
    private int _count;

    public FrameFifo(int capacityFrames)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacityFrames);
        _capacity = capacityFrames;
        _frames = new short[capacityFrames * RtpEndpoint.SamplesPerFrame];
    }

    /// <summary>Frames dropped because the ring was full.</summary>
    public long Overflows { get; private set; }

    /// <summary>Reads that found the ring empty.</summary>
    public long Underruns { get; private set; }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    /// <exception cref="ArgumentException">The frame is not 160 samples.</exception>
    public void WriteFrame(ReadOnlySpan<short> frame)
    {
        CheckLength(frame.Length);
        lock (_lock)
        {
            if (_count == _capacity)
            {
                _head = (_head + 1) % _capacity;
                _count--;
                Overflows++;
            }

            var tail = (_head + _count) % _capacity;
            frame.CopyTo(_frames.AsSpan(tail * RtpEndpoint.SamplesPerFrame, RtpEndpoint.SamplesPerFrame));
            _count++;
        }
    }

    /// <summary>Takes the oldest frame; false (and a silent frame) when the ring is empty.</summary>
    /// <exception cref="ArgumentException">The frame is not 160 samples.</exception>
    public bool ReadFrame(Span<short> frame)
    {
        CheckLength(frame.Length);
        lock (_lock)
        {
            if (_count == 0)
            {
                Underruns++;
                frame.Clear();
                return false;
            }

            _frames.AsSpan(_head * RtpEndpoint.SamplesPerFrame, RtpEndpoint.SamplesPerFrame).CopyTo(frame);
            _head = (_head + 1) % _capacity;
            _count--;
            return true;
        }
    }

    private static void CheckLength(int length)
    {
        if (length != RtpEndpoint.SamplesPerFrame)
        {
            throw new ArgumentException(
                $"A bridge frame is {RtpEndpoint.SamplesPerFrame} samples, not {length}.",
                nameof(length));
        }
    }
}
