namespace Appliance.Media.Audio;

/// <summary>
/// Plays queued prompts back to back as an <see cref="IAudioSource"/>, then silence.
/// <see cref="Completed"/> is raised once each time the queue runs dry, on the thread that read
/// the last samples (the media clock thread): hand the event to the call's own mailbox rather
/// than doing work in it. With <see cref="Loop"/> set, the queue plays again from its first
/// prompt instead of running dry (hold music), and <see cref="Completed"/> is not raised.
/// </summary>
/// <remarks>
/// Thread-safe: <see cref="Enqueue"/>, <see cref="Clear"/> and <see cref="Loop"/> may be used
/// from any thread while the clock reads frames; one small lock guards the queue. The sample
/// arrays are shared, never copied or changed, so one decoded prompt serves every call.
/// </remarks>
public sealed class PromptPlayer : IAudioSource
{
    private readonly object _lock = new();
    private readonly List<short[]> _queue = [];
    private int _current;
    private int _position;
    private bool _loop;

    /// <summary>Raised once when the last queued sample has been played (not after <see
    /// cref="Clear"/>).</summary>
    public event Action? Completed;

    /// <summary>True to replay the queue forever instead of completing.</summary>
    public bool Loop
    {
        get
        {
            lock (_lock)
            {
                return _loop;
            }
        }
        set
        {
            lock (_lock)
            {
                _loop = value;
            }
        }
    }

    /// <summary>True while queued audio remains to be played.</summary>
    public bool IsPlaying
    {
        get
        {
            lock (_lock)
            {
                return _current < _queue.Count;
            }
        }
    }

    /// <summary>Adds a prompt after those already queued; empty prompts are ignored.</summary>
    public void Enqueue(short[] samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Length == 0)
        {
            return;
        }

        lock (_lock)
        {
            _queue.Add(samples);
        }
    }

    /// <summary>Stops at once and empties the queue (barge-in); <see cref="Completed"/> is not
    /// raised.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _queue.Clear();
            _current = 0;
            _position = 0;
        }
    }

    /// <inheritdoc />
    /// <returns>True when the frame holds prompt audio (padded with silence at the very end).</returns>
    public bool ReadFrame(Span<short> frame)
    {
        var filled = 0;
        var completed = false;
        lock (_lock)
        {
            while (filled < frame.Length && _current < _queue.Count)
            {
                var prompt = _queue[_current];
                var count = Math.Min(frame.Length - filled, prompt.Length - _position);
                prompt.AsSpan(_position, count).CopyTo(frame[filled..]);
                filled += count;
                _position += count;
                if (_position == prompt.Length)
                {
                    _position = 0;
                    _current++;
                    if (_current == _queue.Count)
                    {
                        completed = RewindOrDrainLocked();
                    }
                }
            }
        }

        frame[filled..].Clear();
        if (completed)
        {
            Completed?.Invoke();
        }

        return filled > 0;
    }

    // At the end of the queue: start again when looping, else forget the played prompts.
    private bool RewindOrDrainLocked()
    {
        if (_loop)
        {
            _current = 0;
            return false;
        }

        _queue.Clear();
        _current = 0;
        return true;
    }
}
