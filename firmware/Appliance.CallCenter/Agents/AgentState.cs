namespace Appliance.CallCenter.Agents;

/// <summary>Where an agent stands in the automatic call distributor.</summary>
public enum AgentState
{
    /// <summary>The agent's phone is not registered; no call is offered.</summary>
    LoggedOut,

    /// <summary>Registered and free: the next call of one of its queues may be offered.</summary>
    Idle,

    /// <summary>One call is being offered (the phone rings); no other call is offered meanwhile.</summary>
    Ringing,

    /// <summary>On a call, until <c>CallEnded</c>.</summary>
    Busy,
}
