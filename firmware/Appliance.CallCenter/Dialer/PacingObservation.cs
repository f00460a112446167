namespace Appliance.CallCenter.Dialer;

/// <summary>
/// One measured outcome the controller feeds to pacing. <paramref name="Result"/> is set only
/// for <see cref="PacingObservationKind.AttemptEnded"/>.
/// </summary>
public readonly record struct PacingObservation(
    PacingObservationKind Kind,
    TimeSpan Duration,
    CallResult? Result);
