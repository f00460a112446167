using Appliance.Media.Audio;

namespace Appliance.Media.Tests.Engine;

/// <summary>
/// An audio sink that keeps what it is given, from the first frame that is not silence on, and
/// completes <see cref="Filled"/> once it holds the wanted number of samples. Thread-safe.
/// </summary>
internal sealed class SampleCollector : IAudioSink
{
    private readonly List<short> _samples = [];
    private readonly int _wanted;
    private readonly TaskCompletionSource _filled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SampleCollector(int wantedSamples)
    {
        _wanted = wantedSamples;
    }

    public Task Filled => _filled.Task;

    public int FramesSeen { get; private set; }

    /// <summary>Samples kept so far.</summary>
    public int Count
    {
        get
        {
            lock (_samples)
            {
                return _samples.Count;
            }
        }
    }

    public short[] Samples()
    {
        lock (_samples)
        {
            return [.. _samples];
        }
    }

    public void WriteFrame(ReadOnlySpan<short> frame)
    {
        lock (_samples)
        {
            FramesSeen++;
            if (_samples.Count == 0 && !HasAudio(frame))
            {
                return;
            }

            foreach (var sample in frame)
            {
                _samples.Add(sample);
            }

            if (_samples.Count >= _wanted)
            {
                _filled.TrySetResult();
            }
        }
    }

    private static bool HasAudio(ReadOnlySpan<short> frame)
    {
        foreach (var sample in frame)
        {
            if (Math.Abs((int)sample) > 64)
            {
                return true;
            }
        }

        return false;
    }
}
