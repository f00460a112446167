namespace Appliance.Media.Tones;

/// <summary>
/// The call-progress tones of the countries the box is sold in, as cadences from ITU-T E.180
/// and its supplement (the national plans as published to the ITU): China (450 Hz), the United
/// States (NANP, precise tone plan), the United Kingdom (400 Hz family) and Europe (CEPT
/// 425 Hz). <see cref="Open"/> gives a looping <see cref="Audio.IAudioSource"/> for a leg.
/// </summary>
/// <remarks>
/// Levels are -16 dBFS per component, near the -13 dBm0 of the plans for G.711. The special
/// information tone is the E.180 one (950, 1400, 1800 Hz; 913.8, 1370.6, 1776.7 Hz in the
/// United States) of three 330 ms segments and a second of silence; national variants of it are
/// not modelled. Thread-safe; each source is read by one clock thread.
/// </remarks>
public static class CallProgressTones
{
    /// <summary>The level of each component in dBFS.</summary>
    public const double LevelDbfs = -16;

    private static readonly Dictionary<string, Dictionary<CallProgressTone, ToneSegment[]>> s_plans =
        new(StringComparer.OrdinalIgnoreCase)
        {
            ["CN"] = new()
            {
                [CallProgressTone.RingBack] = [ToneSegment.Tone(1000, 450), ToneSegment.Pause(4000)],
                [CallProgressTone.Busy] = [ToneSegment.Tone(350, 450), ToneSegment.Pause(350)],
                [CallProgressTone.Congestion] = [ToneSegment.Tone(700, 450), ToneSegment.Pause(700)],
                [CallProgressTone.SpecialInformation] = Sit(950, 1400, 1800),
            },
            ["US"] = new()
            {
                [CallProgressTone.RingBack] = [ToneSegment.Tone(2000, 440, 480), ToneSegment.Pause(4000)],
                [CallProgressTone.Busy] = [ToneSegment.Tone(500, 480, 620), ToneSegment.Pause(500)],
                [CallProgressTone.Congestion] = [ToneSegment.Tone(250, 480, 620), ToneSegment.Pause(250)],
                [CallProgressTone.SpecialInformation] = Sit(913.8, 1370.6, 1776.7),
            },
            ["UK"] = new()
            {
                [CallProgressTone.RingBack] =
                [
                    ToneSegment.Tone(400, 400, 450),
                    ToneSegment.Pause(200),
                    ToneSegment.Tone(400, 400, 450),
                    ToneSegment.Pause(2000),
                ],
                [CallProgressTone.Busy] = [ToneSegment.Tone(375, 400), ToneSegment.Pause(375)],
                [CallProgressTone.Congestion] =
                [
                    ToneSegment.Tone(400, 400),
                    ToneSegment.Pause(350),
                    ToneSegment.Tone(225, 400),
                    ToneSegment.Pause(525),
                ],
                [CallProgressTone.SpecialInformation] = Sit(950, 1400, 1800),
            },
            ["EU"] = new()
            {
                [CallProgressTone.RingBack] = [ToneSegment.Tone(1000, 425), ToneSegment.Pause(4000)],
                [CallProgressTone.Busy] = [ToneSegment.Tone(500, 425), ToneSegment.Pause(500)],
                [CallProgressTone.Congestion] = [ToneSegment.Tone(250, 425), ToneSegment.Pause(250)],
                [CallProgressTone.SpecialInformation] = Sit(950, 1400, 1800),
            },
        };

    /// <summary>The country codes with a tone plan: CN, US, UK, EU.</summary>
    public static IReadOnlyCollection<string> Countries => s_plans.Keys;

    /// <summary>The cadence of a tone in a country, one cycle.</summary>
    /// <exception cref="ArgumentException">No plan for the country.</exception>
    public static IReadOnlyList<ToneSegment> Cadence(string country, CallProgressTone tone)
    {
        ArgumentNullException.ThrowIfNull(country);
        if (!s_plans.TryGetValue(country, out var plan))
        {
            throw new ArgumentException(
                $"No call-progress tones for '{country}'; known: {string.Join(", ", s_plans.Keys)}.",
                nameof(country));
        }

        return plan[tone];
    }

    /// <summary>A source that plays the tone's cadence for ever from its start.</summary>
    /// <exception cref="ArgumentException">No plan for the country.</exception>
    public static Audio.IAudioSource Open(string country, CallProgressTone tone) =>
        new CadenceSource(Cadence(country, tone), LevelDbfs);

    private static ToneSegment[] Sit(double first, double second, double third) =>
    [
        ToneSegment.Tone(330, first),
        ToneSegment.Tone(330, second),
        ToneSegment.Tone(330, third),
        ToneSegment.Pause(1000),
    ];
}
