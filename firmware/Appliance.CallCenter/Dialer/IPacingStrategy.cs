namespace Appliance.CallCenter.Dialer;

/// <summary>
/// Decides how many calls a campaign places now. The controller calls <see cref="Decide"/> after
/// every change of state and <see cref="Observe"/> for every measured outcome, always under its
/// own lock, so implementations need no locking of their own.
/// </summary>
public interface IPacingStrategy
{
    DialingMode Mode { get; }

    PacingDecision Decide(in PacingSnapshot snapshot);

    void Observe(in PacingObservation observation);
}
