namespace Appliance.Drivers.Tests.Support;

/// <summary>
/// What a loop-start line does to a signal on its way from the exchange: a gain (lines lose 20 dB
/// or more), white noise from a seeded generator, leading silence before the signal starts.
/// </summary>
internal static class PhoneLine
{
    public static short[] Carry(short[] signal, double gain, double noiseRms, int seed, int leadingSilence = 800)
    {
        var random = new Random(seed);
        var result = new short[leadingSilence + signal.Length + 800];
        for (var n = 0; n < result.Length; n++)
        {
            var index = n - leadingSilence;
            var clean = index >= 0 && index < signal.Length ? signal[index] * gain : 0;
            result[n] = Clip(clean + (noiseRms * Gaussian(random)));
        }

        return result;
    }

    public static short[] Tone(double frequencyHz, double amplitude, int samples)
    {
        var result = new short[samples];
        for (var n = 0; n < samples; n++)
        {
            result[n] = Clip(amplitude * Math.Sin(2 * Math.PI * frequencyHz * n / 8000));
        }

        return result;
    }

    private static double Gaussian(Random random)
    {
        // Box-Muller: two uniform numbers give one normal one.
        var u = 1 - random.NextDouble();
        var v = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }

    private static short Clip(double value) => (short)Math.Clamp(Math.Round(value), short.MinValue, short.MaxValue);
}
