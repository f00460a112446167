namespace Appliance.Drivers.Tests.Support;

/// <summary>Levels of received A-law frames: mean power, and the power of one frequency.</summary>
internal static class LineMeter
{
    /// <summary>G.711 A-law compression (ITU-T G.711 §A.2) of 16-bit linear samples.</summary>
    public static byte[] Encode(ReadOnlySpan<short> samples)
    {
        var frame = new byte[samples.Length];
        for (int i = 0; i < samples.Length; i++)
        {
            int sample = samples[i];
            int sign = sample >= 0 ? 0x80 : 0x00;
            int magnitude = Math.Min((sample >= 0 ? sample : -sample - 1) >> 3, 0xFFF);
            int segment = 0;
            while (segment < 7 && magnitude >= (0x20 << segment))
            {
                segment++;
            }
            int mantissa = segment == 0 ? (magnitude >> 1) & 0x0F : (magnitude >> segment) & 0x0F;
            frame[i] = (byte)((sign | (segment << 4) | mantissa) ^ 0x55);
        }
        return frame;
    }

    public static double MeanPower(IEnumerable<byte[]> frames)
    {
        double energy = 0;
        long samples = 0;
        foreach (byte[] frame in frames)
        {
            foreach (short sample in AlawTone.Decode(frame))
            {
                energy += (double)sample * sample;
                samples++;
            }
        }
        return samples == 0 ? 0 : energy / samples;
    }

    /// <summary>
    /// Mean power at one frequency by the Goertzel algorithm over blocks of 800 samples (100 ms,
    /// a whole number of cycles of any multiple of 10 Hz), so noise elsewhere in the band is left
    /// out.
    /// </summary>
    public static double PowerAt(double frequencyHz, IEnumerable<byte[]> frames)
    {
        const int block = 800;
        double coefficient = 2 * Math.Cos(2 * Math.PI * frequencyHz / 8000);
        double total = 0;
        int blocks = 0;
        double s1 = 0, s2 = 0;
        int filled = 0;
        foreach (byte[] frame in frames)
        {
            foreach (short sample in AlawTone.Decode(frame))
            {
                double s0 = sample + (coefficient * s1) - s2;
                s2 = s1;
                s1 = s0;
                if (++filled == block)
                {
                    total += ((s1 * s1) + (s2 * s2) - (coefficient * s1 * s2)) / (block * (double)block / 2);
                    blocks++;
                    s1 = s2 = 0;
                    filled = 0;
                }
            }
        }
        return blocks == 0 ? 0 : total / blocks;
    }

    public static double Decibels(double ratio) => 10 * Math.Log10(ratio);
}
