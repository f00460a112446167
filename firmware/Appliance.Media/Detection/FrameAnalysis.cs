namespace Appliance.Media.Detection;

/// <summary>
/// Measurements of one 20 ms frame of 8 kHz audio: its level and the share of its power at a
/// given frequency (Goertzel filter), the two things call-progress detection looks at.
/// </summary>
internal static class FrameAnalysis
{
    public const int SampleRate = 8000;

    public const int FrameSamples = 160;

    /// <summary>Mean power of the frame in dB relative to a full-scale square wave (silence: −120).</summary>
    public static double LevelDb(ReadOnlySpan<short> frame)
    {
        var power = Power(frame);
        return power <= 0 ? -120 : 10 * Math.Log10(power / (32768.0 * 32768.0));
    }

    /// <summary>Sum of squares of the samples.</summary>
    public static double Energy(ReadOnlySpan<short> frame)
    {
        double sum = 0;
        foreach (var s in frame)
        {
            sum += (double)s * s;
        }

        return sum;
    }

    /// <summary>
    /// The share (0 to 1) of the frame's energy at <paramref name="hertz"/>: 2·|X(f)|² / (N·Σx²),
    /// which is 1 for a pure tone at that frequency whatever its level.
    /// </summary>
    public static double ToneShare(ReadOnlySpan<short> frame, double hertz, double energy)
    {
        if (energy <= 0)
        {
            return 0;
        }

        var coefficient = 2 * Math.Cos(2 * Math.PI * hertz / SampleRate);
        double s1 = 0, s2 = 0;
        foreach (var sample in frame)
        {
            var s0 = sample + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }

        var magnitude = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
        return Math.Clamp(2 * magnitude / (frame.Length * energy), 0, 1.5);
    }

    private static double Power(ReadOnlySpan<short> frame) => frame.Length == 0 ? 0 : Energy(frame) / frame.Length;
}
