namespace Appliance.Media.Detection;

/// <summary>Thresholds of <see cref="AnsweringMachineDetector"/>; the defaults suit telephone audio.</summary>
public sealed record AnsweringMachineOptions
{
    /// <summary>A frame at or above this level (dBFS) is speech.</summary>
    public double SpeechLevelDb { get; init; } = -40;

    /// <summary>Silence before any speech after which the call is given up as not sure.</summary>
    public TimeSpan MaxInitialSilence { get; init; } = TimeSpan.FromSeconds(3.5);

    /// <summary>A greeting longer than this (pauses between words included) is a machine.</summary>
    public TimeSpan MaxHumanGreeting { get; init; } = TimeSpan.FromSeconds(1.6);

    /// <summary>Silence after a short greeting that shows a person waiting for a reply.</summary>
    public TimeSpan AfterGreetingSilence { get; init; } = TimeSpan.FromSeconds(0.8);

    /// <summary>Speech shorter than this is a click or a breath, not a word.</summary>
    public TimeSpan MinWord { get; init; } = TimeSpan.FromSeconds(0.1);

    /// <summary>Analysis ends here, with <see cref="AnsweringMachineResult.NotSure"/> if undecided.</summary>
    public TimeSpan MaxAnalysis { get; init; } = TimeSpan.FromSeconds(5);
}
