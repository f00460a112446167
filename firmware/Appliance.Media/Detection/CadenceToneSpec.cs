using Appliance.Media.Tones;

namespace Appliance.Media.Detection;

/// <summary>
/// A tone recognised by its cadence: one or two frequencies switched on and off in a cycle of
/// any number of steps (on, off, on, off…), such as the congestion tones of the national plans.
/// </summary>
/// <param name="Name">What the logs call it, e.g. "UK congestion".</param>
/// <param name="Hertz">The frequencies that are on together.</param>
/// <param name="Cadence">One cycle, starting with the first "on"; an even number of steps.</param>
public sealed record CadenceToneSpec(string Name, IReadOnlyList<double> Hertz, IReadOnlyList<TimeSpan> Cadence)
{
    /// <summary>
    /// The congestion tones of the plans <see cref="CallProgressTones"/> plays: CN (450 Hz,
    /// 0.7/0.7 s), US (480 + 620 Hz, 0.25/0.25 s), UK (400 Hz, 0.4/0.35/0.225/0.525 s) and EU
    /// (425 Hz, 0.25/0.25 s).
    /// </summary>
    public static IReadOnlyList<CadenceToneSpec> Congestion { get; } =
        [.. CallProgressTones.Countries.Select(country => FromPlan(country, CallProgressTone.Congestion))];

    /// <summary>The tone of a country's plan as <see cref="CallProgressTones"/> generates it.</summary>
    /// <exception cref="ArgumentException">No plan for the country, or the tone changes frequency
    /// within its cycle (a special information tone).</exception>
    public static CadenceToneSpec FromPlan(string country, CallProgressTone tone)
    {
        var steps = CallProgressTones.Cadence(country, tone);
        var first = steps[0];
        if (steps.Count % 2 != 0
            || steps.Where((_, i) => i % 2 == 0).Any(s => s.FrequencyHz != first.FrequencyHz || s.FrequencyHz == 0)
            || steps.Where((_, i) => i % 2 == 1).Any(s => s.FrequencyHz != 0))
        {
            throw new ArgumentException($"The {country} {tone} tone is not one tone on and off.", nameof(tone));
        }

        double[] hertz = first.SecondFrequencyHz == 0
            ? [first.FrequencyHz]
            : [first.FrequencyHz, first.SecondFrequencyHz];
        return new CadenceToneSpec($"{country} {tone}", hertz, [.. steps.Select(s => s.Duration)]);
    }
}
