namespace Appliance.Media.Tones;

/// <summary>One step of a tone cadence: up to two frequencies (none for a pause) for a
/// time.</summary>
public readonly record struct ToneSegment(TimeSpan Duration, double FrequencyHz = 0, double SecondFrequencyHz = 0)
{
    /// <summary>A pause of the given length.</summary>
    public static ToneSegment Pause(int milliseconds) => new(TimeSpan.FromMilliseconds(milliseconds));

    /// <summary>One or two frequencies for the given length.</summary>
    public static ToneSegment Tone(int milliseconds, double hz, double secondHz = 0) =>
        new(TimeSpan.FromMilliseconds(milliseconds), hz, secondHz);
}
