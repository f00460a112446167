namespace Appliance.CallCenter.Dialer;

/// <summary>What a campaign agent who is not free is doing.</summary>
public enum AgentPhase
{
    /// <summary>Reserved for a preview or a call-back the agent is about to dial.</summary>
    Reserved,

    /// <summary>On a connected call.</summary>
    Talking,

    /// <summary>The call ended; the agent is entering the disposition.</summary>
    WrappingUp,
}
