using Appliance.Media.Audio;

namespace Appliance.Media.Tones;

/// <summary>
/// A sine tone, or the sum of two (a DTMF or call-progress tone), as an
/// <see cref="IAudioSource"/>. The phase runs on across frames, so frames join without clicks.
/// </summary>
/// <remarks>Not thread-safe: one clock thread reads it.</remarks>
public sealed class ToneGenerator : IAudioSource
{
    private readonly double _step;
    private readonly double _secondStep;
    private readonly double _amplitude;
    private readonly long _totalSamples;
    private long _sampleIndex;

    /// <summary>Creates a tone generator.</summary>
    /// <param name="frequencyHz">The tone, below half the sample rate.</param>
    /// <param name="levelDbfs">
    /// The level of each component in dBFS (-10 default, at most 0); a dual tone louder than -6 dBFS
    /// per component clips.
    /// </param>
    /// <param name="duration">How long the tone lasts; null for ever.</param>
    /// <param name="secondFrequencyHz">A second component for dual tones, or null.</param>
    /// <param name="sampleRateHz">The sample rate, 8000 for telephony.</param>
    /// <exception cref="ArgumentOutOfRangeException">A frequency is not between 0 and half the
    /// rate.</exception>
    public ToneGenerator(
        double frequencyHz,
        double levelDbfs = -10,
        TimeSpan? duration = null,
        double? secondFrequencyHz = null,
        int sampleRateHz = 8000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(sampleRateHz, 0);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frequencyHz);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(frequencyHz, sampleRateHz / 2.0);
        if (secondFrequencyHz is { } second)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(second, nameof(secondFrequencyHz));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(
                second,
                sampleRateHz / 2.0,
                nameof(secondFrequencyHz));
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(levelDbfs, 0);
        FrequencyHz = frequencyHz;
        _step = 2 * Math.PI * frequencyHz / sampleRateHz;
        _secondStep = secondFrequencyHz is { } f ? 2 * Math.PI * f / sampleRateHz : 0;
        _amplitude = short.MaxValue * Math.Pow(10, levelDbfs / 20);
        _totalSamples = duration is { } d ? (long)Math.Round(d.TotalSeconds * sampleRateHz) : long.MaxValue;
    }

    public double FrequencyHz { get; }

    /// <summary>Samples produced so far.</summary>
    public long Position => _sampleIndex;

    /// <inheritdoc />
    /// <returns>False once the duration has passed; the frame is then silence.</returns>
    public bool ReadFrame(Span<short> frame)
    {
        if (_sampleIndex >= _totalSamples)
        {
            frame.Clear();
            return false;
        }

        for (var i = 0; i < frame.Length; i++)
        {
            if (_sampleIndex >= _totalSamples)
            {
                frame[i..].Clear();
                break;
            }

            var value = Math.Sin(_step * _sampleIndex);
            if (_secondStep != 0)
            {
                value += Math.Sin(_secondStep * _sampleIndex);
            }

            frame[i] = (short)Math.Clamp(Math.Round(_amplitude * value), short.MinValue, short.MaxValue);
            _sampleIndex++;
        }

        return true;
    }

    /// <summary>Makes <paramref name="count"/> samples of the tone, for tests and prompts.</summary>
    public short[] Generate(int count)
    {
        var samples = new short[count];
        ReadFrame(samples);
        return samples;
    }
}
