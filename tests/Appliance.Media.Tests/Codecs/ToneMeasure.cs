using Appliance.Media.Tones;

namespace Appliance.Media.Tests.Codecs;

/// <summary>What a test hears in received audio: the strongest frequency and a tone's SNR.</summary>
internal static class ToneMeasure
{
    /// <summary>A sine of <paramref name="frequencyHz"/> at <paramref name="amplitude"/>.</summary>
    public static short[] Sine(double frequencyHz, int sampleRateHz, int count, double amplitude = 8000)
    {
        var samples = new short[count];
        for (var i = 0; i < count; i++)
        {
            samples[i] = (short)Math.Round(amplitude * Math.Sin(2 * Math.PI * frequencyHz * i / sampleRateHz));
        }

        return samples;
    }

    /// <summary>The frequency, in 5 Hz steps up to Nyquist, with the most power.</summary>
    public static double DominantFrequency(ReadOnlySpan<short> samples, int sampleRateHz)
    {
        var best = 0.0;
        var bestPower = -1.0;
        for (var hz = 50.0; hz < sampleRateHz / 2.0; hz += 5)
        {
            var power = Goertzel.Power(samples, sampleRateHz, hz);
            if (power > bestPower)
            {
                bestPower = power;
                best = hz;
            }
        }

        return best;
    }

    /// <summary>
    /// The signal-to-noise ratio in dB of a tone of <paramref name="frequencyHz"/>: the sine
    /// fitted by least squares against everything else left in the samples.
    /// </summary>
    public static double SnrDb(ReadOnlySpan<short> samples, int sampleRateHz, double frequencyHz)
    {
        double sinSum = 0;
        double cosSum = 0;
        for (var i = 0; i < samples.Length; i++)
        {
            var w = 2 * Math.PI * frequencyHz * i / sampleRateHz;
            sinSum += samples[i] * Math.Sin(w);
            cosSum += samples[i] * Math.Cos(w);
        }

        var a = 2 * sinSum / samples.Length;
        var b = 2 * cosSum / samples.Length;
        double signal = 0;
        double noise = 0;
        for (var i = 0; i < samples.Length; i++)
        {
            var w = 2 * Math.PI * frequencyHz * i / sampleRateHz;
            var fitted = (a * Math.Sin(w)) + (b * Math.Cos(w));
            signal += fitted * fitted;
            var residual = samples[i] - fitted;
            noise += residual * residual;
        }

        return 10 * Math.Log10(signal / Math.Max(noise, 1e-9));
    }
}
