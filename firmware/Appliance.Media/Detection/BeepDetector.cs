namespace Appliance.Media.Detection;

/// <summary>
/// Finds the beep after an answering machine's greeting: a steady pure tone between 400 and
/// 2000 Hz lasting at least <see cref="MinDuration"/> (a message left after it is heard whole).
/// Frames are 20 ms of 8 kHz linear PCM; a frame is tonal when one frequency holds most of its
/// power. Not thread safe.
/// </summary>
public sealed class BeepDetector
{
    private const double MinShare = 0.7;
    private const double MinLevelDb = -45;
    private const double Step = 25;

    private readonly short[] _pending = new short[FrameAnalysis.FrameSamples];
    private int _pendingCount;
    private int _run;
    private double _runHertz;

    /// <summary>Shortest tone taken as a beep (160 ms).</summary>
    public static TimeSpan MinDuration { get; } = TimeSpan.FromMilliseconds(160);

    public bool Detected { get; private set; }

    /// <summary>The beep's frequency once <see cref="Detected"/>.</summary>
    public double Hertz { get; private set; }

    /// <summary>Feeds audio of any length; true once a beep was heard.</summary>
    public bool Feed(ReadOnlySpan<short> samples)
    {
        while (!samples.IsEmpty && !Detected)
        {
            var take = Math.Min(samples.Length, _pending.Length - _pendingCount);
            samples[..take].CopyTo(_pending.AsSpan(_pendingCount));
            _pendingCount += take;
            samples = samples[take..];
            if (_pendingCount == _pending.Length)
            {
                _pendingCount = 0;
                Frame(_pending);
            }
        }

        return Detected;
    }

    private void Frame(ReadOnlySpan<short> frame)
    {
        var hertz = DominantTone(frame);
        if (hertz is { } f && (_run == 0 || Math.Abs(f - _runHertz) <= 2 * Step))
        {
            _runHertz = _run == 0 ? f : _runHertz;
            _run++;
        }
        else
        {
            _run = hertz is null ? 0 : 1;
            _runHertz = hertz ?? 0;
        }

        if (_run * 20 >= MinDuration.TotalMilliseconds)
        {
            Detected = true;
            Hertz = _runHertz;
        }
    }

    private static double? DominantTone(ReadOnlySpan<short> frame)
    {
        if (FrameAnalysis.LevelDb(frame) < MinLevelDb)
        {
            return null;
        }

        var energy = FrameAnalysis.Energy(frame);
        double best = 0, bestHertz = 0;
        for (var f = 400.0; f <= 2000; f += Step)
        {
            var share = FrameAnalysis.ToneShare(frame, f, energy);
            if (share > best)
            {
                best = share;
                bestHertz = f;
            }
        }

        return best >= MinShare ? bestHertz : null;
    }
}
