namespace Appliance.Drivers.Tests.Support;

/// <summary>Just enough G.711 A-law for the tests: a tone's frames, and the frequency of
/// received frames by zero crossings.</summary>
internal static class AlawTone
{
    public static byte[] Frame(double frequencyHz, int frameIndex)
    {
        var frame = new byte[160];
        for (int i = 0; i < frame.Length; i++)
        {
            double sample = Math.Sin(2 * Math.PI * frequencyHz * ((frameIndex * 160) + i) / 8000.0);

            // G.711 A-law: sign bit set for positive samples, segment 4 for a mid-level
            // magnitude, even bits inverted on the line.
            frame[i] = (byte)((sample >= 0 ? 0xC0 : 0x40) ^ 0x55);
        }
        return frame;
    }

    public static double FrequencyOf(IReadOnlyList<byte[]> frames)
    {
        int crossings = 0;
        bool? last = null;
        foreach (byte[] frame in frames)
        {
            foreach (byte code in frame)
            {
                bool positive = ((code ^ 0x55) & 0x80) != 0;
                if (last is { } previous && previous != positive)
                {
                    crossings++;
                }
                last = positive;
            }
        }
        return crossings / 2.0 / (frames.Count * 0.020);
    }

    /// <summary>G.711 A-law expansion of one frame to 16-bit linear samples.</summary>
    public static short[] Decode(ReadOnlySpan<byte> frame)
    {
        var samples = new short[frame.Length];
        for (int i = 0; i < frame.Length; i++)
        {
            int code = frame[i] ^ 0x55;
            int segment = (code >> 4) & 0x07;
            int magnitude = ((code & 0x0F) << 4) + 8;
            magnitude = segment == 0 ? magnitude : (magnitude + 0x100) << (segment - 1);
            samples[i] = (short)((code & 0x80) != 0 ? magnitude : -magnitude);
        }
        return samples;
    }
}
