namespace Appliance.Media.Tones;

/// <summary>
/// The Goertzel algorithm: the power of one frequency in a block of samples, at the cost of one
/// multiply-add per sample, without a full FFT. Used to detect in-band tones and, in tests, to
/// tell which tone arrived. Thread-safe and allocation-free.
/// </summary>
public static class Goertzel
{
    /// <summary>
    /// The power of <paramref name="frequencyHz"/> in <paramref name="samples"/>, normalised so
    /// that a full-scale sine at exactly that frequency gives about 1.0 (a -20 dBFS sine about
    /// 0.01). The frequency need not fall on an FFT bin.
    /// </summary>
    public static double Power(ReadOnlySpan<short> samples, int sampleRateHz, double frequencyHz)
    {
        if (samples.IsEmpty)
        {
            return 0;
        }

        // s[n] = x[n] + 2cos(w) s[n-1] - s[n-2]; |X(w)|² = s1² + s2² - 2cos(w) s1 s2.
        var coefficient = 2 * Math.Cos(2 * Math.PI * frequencyHz / sampleRateHz);
        double previous = 0;
        double beforePrevious = 0;
        foreach (var sample in samples)
        {
            var current = (sample / 32768.0) + (coefficient * previous) - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }

        var power = (previous * previous) + (beforePrevious * beforePrevious)
            - (coefficient * previous * beforePrevious);
        var n = samples.Length;
        return 4 * power / ((double)n * n);
    }

    /// <summary>
    /// The frequency between <paramref name="fromHz"/> and <paramref name="toHz"/>, scanned in
    /// steps of <paramref name="stepHz"/>, where <paramref name="samples"/> have the most power.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The step is not positive or the range is
    /// empty.</exception>
    public static double DominantFrequency(
        ReadOnlySpan<short> samples,
        int sampleRateHz,
        double fromHz,
        double toHz,
        double stepHz)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepHz);
        ArgumentOutOfRangeException.ThrowIfLessThan(toHz, fromHz);

        var best = fromHz;
        var bestPower = double.NegativeInfinity;
        var steps = (int)Math.Floor((toHz - fromHz) / stepHz);
        for (var i = 0; i <= steps; i++)
        {
            var frequency = fromHz + (i * stepHz);
            var power = Power(samples, sampleRateHz, frequency);
            if (power > bestPower)
            {
                best = frequency;
                bestPower = power;
            }
        }

        return best;
    }
}
