namespace Appliance.CallCenter.Dialer;

/// <summary>What a <see cref="PacingObservation"/> measured.</summary>
public enum PacingObservationKind
{
    /// <summary>An attempt got its result; the duration is from dial to that result.</summary>
    AttemptEnded,

    /// <summary>A connected call ended; the duration is the talk time.</summary>
    TalkEnded,

    /// <summary>An agent finished wrap-up; the duration is the wrap-up time.</summary>
    WrapUpEnded,
}
