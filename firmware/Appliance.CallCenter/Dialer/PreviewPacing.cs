namespace Appliance.CallCenter.Dialer;

/// <summary>Preview mode: every ready agent is handed a contact; the agent starts the call.</summary>
public sealed class PreviewPacing : IPacingStrategy
{
    public DialingMode Mode => DialingMode.Preview;

    public PacingDecision Decide(in PacingSnapshot snapshot) => new(0, snapshot.AgentsReady);

    public void Observe(in PacingObservation observation)
    {
    }
}
