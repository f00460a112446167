namespace Appliance.CallCenter.Routing;

/// <summary>Why a ringing offer was taken back from an agent.</summary>
public enum WithdrawReason
{
    /// <summary>The queue's ring timeout passed without an answer; the next agent is rung.</summary>
    RingNoAnswer,

    /// <summary>The caller hung up while the agent's phone rang.</summary>
    CallerAbandoned,

    /// <summary>The agent's phone unregistered, or the agent logged out, while it rang.</summary>
    AgentLoggedOut,

    /// <summary>The agent went not ready while it rang.</summary>
    AgentNotReady,

    /// <summary>Another agent of a ring-all queue answered first.</summary>
    AnsweredElsewhere,

    /// <summary>A queue rule sent the call elsewhere while it rang.</summary>
    Overflowed,

    /// <summary>The caller hung up to be called back; the call keeps its place without ringing.</summary>
    CallerLeftForCallback,
}
