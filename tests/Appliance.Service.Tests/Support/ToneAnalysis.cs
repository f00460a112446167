using Appliance.Media.Tones;

namespace Appliance.Service.Tests.Support;

/// <summary>
/// Which tone a stretch of 8 kHz audio carries: the audio is cut into 250 ms windows and each
/// window that is not silent gets its dominant frequency between 200 and 2000 Hz in 5 Hz steps
/// (Goertzel). A tone "was heard" for as many windows as lie within 15 Hz of it.
/// </summary>
public static class ToneAnalysis
{
    public const int SampleRateHz = 8000;
    private const int WindowSamples = SampleRateHz / 4;

    // Below this RMS (about -50 dBFS) a window counts as silence: comfort silence, gaps.
    private const double SilenceRms = 100;

    /// <summary>The dominant frequency of each non-silent 250 ms window, NaN for silent ones.</summary>
    public static IReadOnlyList<double> WindowFrequencies(ReadOnlySpan<short> samples)
    {
        var frequencies = new List<double>();
        for (var start = 0; start + WindowSamples <= samples.Length; start += WindowSamples)
        {
            var window = samples.Slice(start, WindowSamples);
            frequencies.Add(Rms(window) < SilenceRms
                ? double.NaN
                : Goertzel.DominantFrequency(window, SampleRateHz, 200, 2000, 5));
        }

        return frequencies;
    }

    /// <summary>How many 250 ms windows are dominated by <paramref name="frequencyHz"/> (±15 Hz).</summary>
    public static int WindowsAt(IReadOnlyList<double> windowFrequencies, double frequencyHz) =>
        windowFrequencies.Count(f => Math.Abs(f - frequencyHz) <= 15);

    /// <summary>The window frequencies as text, for assertion messages ("-" for silence).</summary>
    public static string Describe(IReadOnlyList<double> windowFrequencies) =>
        string.Join(' ', windowFrequencies.Select(f =>
            double.IsNaN(f) ? "-" : f.ToString("0", System.Globalization.CultureInfo.InvariantCulture)));

    private static double Rms(ReadOnlySpan<short> window)
    {
        double sum = 0;
        foreach (var sample in window)
        {
            sum += (double)sample * sample;
        }

        return Math.Sqrt(sum / window.Length);
    }
}
