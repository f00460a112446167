namespace Appliance.Media.Detection;

/// <summary>What <see cref="AnsweringMachineDetector"/> made of the start of an answered call.</summary>
public enum AnsweringMachineResult
{
    /// <summary>Still listening.</summary>
    Pending,

    /// <summary>A short greeting, then silence: a person waiting for an answer.</summary>
    Human,

    /// <summary>A long greeting without pause: a recorded message.</summary>
    Machine,

    /// <summary>Nothing conclusive within the analysis time (long silence, noise); treat as a person.</summary>
    NotSure,
}
