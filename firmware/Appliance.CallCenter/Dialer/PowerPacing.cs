namespace Appliance.CallCenter.Dialer;

/// <summary>
/// Power mode: a fixed number of calls in progress per ready agent (rounded up), whatever the
/// answer rate. It does not look at the abandon rate; pick the ratio from experience with the
/// list (about one over the answer rate keeps one answer per agent on average).
/// </summary>
public sealed class PowerPacing : IPacingStrategy
{
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="callsPerAgent"/> is below 1.</exception>
    public PowerPacing(double callsPerAgent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(callsPerAgent, 1.0);
        CallsPerAgent = callsPerAgent;
    }

    public double CallsPerAgent { get; }

    public DialingMode Mode => DialingMode.Power;

    public PacingDecision Decide(in PacingSnapshot snapshot)
    {
        // A tiny epsilon so that 2.0 × 3 agents is 6 calls, not 7 from a rounding error.
        var wanted = (int)Math.Ceiling(CallsPerAgent * snapshot.AgentsReady - 1e-9);
        return PacingDecision.Dial(wanted - snapshot.CallsInProgress);
    }

    public void Observe(in PacingObservation observation)
    {
    }
}
