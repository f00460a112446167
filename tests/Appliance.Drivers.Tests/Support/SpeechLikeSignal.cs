namespace Appliance.Drivers.Tests.Support;

/// <summary>
/// A signal with speech's habits for echo tests, where a pure tone would let a canceller learn a
/// wrong answer: seeded noise low-passed towards speech's spectrum, shaped by a 4 Hz syllable
/// envelope, with a pause of a third of a second in every second and a half, at about -20 dBFS.
/// </summary>
internal sealed class SpeechLikeSignal
{
    private readonly Random _random;
    private double _low;
    private double _lower;
    private long _sample;

    public SpeechLikeSignal(int seed)
    {
        _random = new Random(seed);
    }

    /// <summary>The next 20 ms (160 samples at 8 kHz).</summary>
    public short[] NextFrame()
    {
        var frame = new short[160];
        for (int i = 0; i < frame.Length; i++, _sample++)
        {
            double seconds = _sample / 8000.0;
            double noise = (_random.NextDouble() * 2) - 1;
            _low = (0.6 * _low) + (0.4 * noise);
            _lower = (0.7 * _lower) + (0.3 * _low);
            double syllable = 0.5 + (0.5 * Math.Sin(2 * Math.PI * 4 * seconds));
            double pause = seconds % 1.5 < 1.15 ? 1.0 : 0.03;
            frame[i] = (short)Math.Clamp(_lower * 30000 * syllable * syllable * pause, short.MinValue, short.MaxValue);
        }
        return frame;
    }
}
