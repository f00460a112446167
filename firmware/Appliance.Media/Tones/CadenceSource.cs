using Appliance.Media.Audio;

namespace Appliance.Media.Tones;

/// <summary>
/// Plays a cadence of <see cref="ToneSegment"/>s in a loop, 8 kHz. Each segment starts at zero
/// phase, as a tone switched on does. Not thread-safe: one clock thread reads it.
/// </summary>
internal sealed class CadenceSource : IAudioSource
{
    private const int SampleRateHz = 8000;

    private readonly ToneSegment[] _segments;
    private readonly int[] _lengths;
    private readonly double _amplitude;
    private int _segment;
    private int _position;

    public CadenceSource(IReadOnlyList<ToneSegment> segments, double levelDbfs)
    {
        _segments = [.. segments];
        _lengths = [.. _segments.Select(s => (int)Math.Round(s.Duration.TotalSeconds * SampleRateHz))];
        if (_lengths.Sum() == 0)
        {
            throw new ArgumentException("A cadence needs at least one sample.", nameof(segments));
        }

        _amplitude = short.MaxValue * Math.Pow(10, levelDbfs / 20);
    }

    public bool ReadFrame(Span<short> frame)
    {
        for (var i = 0; i < frame.Length; i++)
        {
            while (_position >= _lengths[_segment])
            {
                _position = 0;
                _segment = (_segment + 1) % _segments.Length;
            }

            var segment = _segments[_segment];
            var t = (double)_position / SampleRateHz;
            double value = 0;
            if (segment.FrequencyHz > 0)
            {
                value += Math.Sin(2 * Math.PI * segment.FrequencyHz * t);
            }

            if (segment.SecondFrequencyHz > 0)
            {
                value += Math.Sin(2 * Math.PI * segment.SecondFrequencyHz * t);
            }

            frame[i] = (short)Math.Round(value * _amplitude);
            _position++;
        }

        return true;
    }
}
