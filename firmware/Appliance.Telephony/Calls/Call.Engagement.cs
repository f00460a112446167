namespace Appliance.Telephony.Calls;

/// <summary>
/// Agents the ACD did not give this call to: the extension an IVR flow transfers to, the target
/// of an agent's REFER (blind, or attended through the consultation call that rang it) and the
/// extension an agent consults. From the moment such a leg rings until it ends, that agent is
/// engaged in the ACD, as on a campaign call, so no queue call is offered to it meanwhile. An
/// extension that is not an agent is ignored by the ACD.
/// </summary>
internal sealed partial class Call
{
    private void EngageAgentOf(AgentLeg leg)
    {
        if (leg.Purpose is AgentLegPurpose.Offer or AgentLegPurpose.External || leg.EngagesAgent)
        {
            return;
        }

        leg.EngagesAgent = true;
        _services.Acd.AgentEngaged(leg.AgentId);
    }

    /// <summary>The leg ended: its agent is free for the queues again.</summary>
    private void ReleaseAgentOf(AgentLeg leg)
    {
        if (!leg.EngagesAgent)
        {
            return;
        }

        leg.EngagesAgent = false;
        _services.Acd.AgentReleased(leg.AgentId);
    }
}
