namespace Appliance.CallCenter.Dialer;

/// <summary>
/// Progressive mode: one call in progress per ready agent, so an answered call always finds its
/// agent and nothing is abandoned. Agents wait through every ring and every unanswered attempt.
/// </summary>
public sealed class ProgressivePacing : IPacingStrategy
{
    public DialingMode Mode => DialingMode.Progressive;

    public PacingDecision Decide(in PacingSnapshot snapshot)
        => PacingDecision.Dial(snapshot.AgentsReady - snapshot.CallsInProgress);

    public void Observe(in PacingObservation observation)
    {
    }
}
