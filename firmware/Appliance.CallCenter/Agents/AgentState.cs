namespace Appliance.CallCenter.Agents;

/// <summary>Where an agent stands in the automatic call distributor.</summary>
public enum AgentState
{
    /// <summary>No phone registered, or logged out of every queue: no call is offered.</summary>
    LoggedOut,

    /// <summary>Ready and free: the next call of one of its queues may be offered.</summary>
    Idle,

    /// <summary>One call is being offered (the phone rings); no other call is offered meanwhile.</summary>
    Ringing,

    /// <summary>On a call, until <c>CallEnded</c>.</summary>
    Busy,

    /// <summary>After-call work: the queue's wrap-up time runs, or the agent ends it early.</summary>
    WrapUp,

    /// <summary>Logged in but not taking calls, for a reason the agent or the ACD gave.</summary>
    NotReady,
}
